// rule: covenant
Object stamp(UvmObject self, Object... args) {
    Map<String, Object> m = (Map<String, Object>) self.get("m");
    for (Object arg : args) {
        m.put(String.valueOf(arg), arg);
        if (arg instanceof String) {
            continue;
        }
        self.markChanged();
    }
    return m.size();
}
