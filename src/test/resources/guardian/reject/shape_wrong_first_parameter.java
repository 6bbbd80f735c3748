// rule: shape
Object greet(Object self, Object... args) {
    return "hello";
}
