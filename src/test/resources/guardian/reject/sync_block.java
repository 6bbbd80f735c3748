// rule: sync
Object guarded(UvmObject self, Object... args) {
    synchronized (self) {
        return self.get("value");
    }
}
