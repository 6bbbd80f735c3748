// rule: forbidden-api
Object exists(UvmObject self, Object... args) {
    return new java.io.File(String.valueOf(args[0])).exists();
}
