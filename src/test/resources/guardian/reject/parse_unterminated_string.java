// rule: parse
Object greet(UvmObject self, Object... args) {
    return "hello;
}
