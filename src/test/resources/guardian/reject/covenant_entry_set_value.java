// rule: covenant
Object resetAll(UvmObject self, Object... args) {
    Map<String, Long> counts = (Map<String, Long>) self.get("counts");
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
        entry.setValue(0L);
    }
    return counts.keySet();
}
