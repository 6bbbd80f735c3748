// rule: forbidden-api
Object home(UvmObject self, Object... args) {
    return System.getenv("HOME");
}
