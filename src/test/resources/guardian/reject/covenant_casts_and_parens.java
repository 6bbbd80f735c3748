// rule: covenant
Object drop(UvmObject self, Object... args) {
    (((Map<String, Object>) (self.get("index")))).remove(String.valueOf(args[0]));
    return true;
}
