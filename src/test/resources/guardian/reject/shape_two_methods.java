// rule: shape
Object first(UvmObject self, Object... args) {
    return second(self, args);
}

Object second(UvmObject self, Object... args) {
    return "two";
}
