// rule: covenant
Object log(UvmObject self, Object... args) {
    List<String> log = (List<String>) self.get("log");
    try {
        self.markChanged();
        return log.size();
    } finally {
        log.add("read");
    }
}
