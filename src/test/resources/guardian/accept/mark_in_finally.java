// accept: try/finally marking on every way out
Object record(UvmObject self, Object... args) {
    Object raw = self.get("log");
    List<Object> log = raw instanceof List<?> ? (List<Object>) raw : null;
    if (log == null) {
        return 0;
    }
    try {
        log.add("entry " + log.size());
        return log.size();
    } finally {
        self.markChanged();
    }
}
