// rule: covenant
Object tally(UvmObject self, Object... args) {
    Map<String, Long> counts = (Map<String, Long>) self.get("counts");
    counts.merge(String.valueOf(args[0]), 1L, Long::sum);
    if (counts.size() > 3) {
        self.markChanged();
    } else {
        counts.remove("other");
    }
    return counts;
}
