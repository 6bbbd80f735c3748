// rule: parse
Object greet(UvmObject self, Object... args) {
    String name = "world"
    return "hello " + name;
}
