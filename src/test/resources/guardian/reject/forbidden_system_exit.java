// rule: forbidden-api
Object quit(UvmObject self, Object... args) {
    System.exit(0);
    return null;
}
