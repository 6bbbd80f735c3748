// rule: forbidden-api
Object methods(UvmObject self, Object... args) {
    return String.class.getDeclaredMethods().length;
}
