// rule: shape
static Object greet(UvmObject self, Object... args) {
    return "hello";
}
