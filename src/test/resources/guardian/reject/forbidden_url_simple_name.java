// rule: forbidden-api
Object fetch(UvmObject self, Object... args) {
    try {
        return new URL("http://example.org").openStream().read();
    } catch (Exception e) {
        return -1;
    }
}
