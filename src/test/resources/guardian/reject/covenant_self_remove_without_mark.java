// rule: covenant
Object forget(UvmObject self, Object... args) {
    boolean had = self.remove("cache");
    return had;
}
