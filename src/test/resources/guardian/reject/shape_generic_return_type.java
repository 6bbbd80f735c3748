// rule: shape
List<Object> all(UvmObject self, Object... args) {
    return List.of(args);
}
