// rule: covenant
Object bump(UvmObject self, Object... args) {
    long[] counts = (long[]) self.get("counts");
    counts[0]++;
    return counts[0];
}
