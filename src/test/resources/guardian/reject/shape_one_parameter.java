// rule: shape
Object greet(UvmObject self) {
    return "hello";
}
