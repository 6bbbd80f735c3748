// rule: static-state
Object hits(UvmObject self, Object... args) {
    enum Hits {
        ONLY;
        int count;
    }
    Hits.ONLY.count++;
    return Hits.ONLY.count;
}
