// rule: sync
synchronized Object guarded(UvmObject self, Object... args) {
    return self.get("value");
}
