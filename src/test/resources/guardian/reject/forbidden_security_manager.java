// rule: forbidden-api
Object guard(UvmObject self, Object... args) {
    SecurityManager manager = null;
    return manager;
}
