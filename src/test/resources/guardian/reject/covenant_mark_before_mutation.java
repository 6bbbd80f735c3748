// rule: covenant
Object touch(UvmObject self, Object... args) {
    self.markChanged();
    Map<String, Object> m = (Map<String, Object>) self.get("m");
    m.put("touched", true);
    return m;
}
