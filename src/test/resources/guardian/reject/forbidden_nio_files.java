// rule: forbidden-api
Object read(UvmObject self, Object... args) {
    try {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname"));
    } catch (Exception e) {
        return e;
    }
}
