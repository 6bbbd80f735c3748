// rule: forbidden-api
Object total(UvmObject self, Object... args) {
    return Arrays.asList(args).parallelStream().count();
}
