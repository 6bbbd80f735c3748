// rule: forbidden-api
Object quit(UvmObject self, Object... args) {
    java.lang.System.exit(1);
    return null;
}
