// rule: shape
Object greet(UvmObject self, Object[] args) {
    return "hello";
}
