// rule: shape
Object greet(UvmObject receiver, Object... arguments) {
    return "hello";
}
