// rule: forbidden-api
Object shell(UvmObject self, Object... args) {
    var builder = new ProcessBuilder("sh", "-c", "true");
    return builder;
}
