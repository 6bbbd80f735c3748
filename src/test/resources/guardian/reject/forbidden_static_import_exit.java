// rule: forbidden-api
Object quit(UvmObject self, Object... args) {
    exit(0);
    return null;
}
