// rule: covenant
Object grow(UvmObject self, Object... args) {
    Map<String, Object> settings = (Map<String, Object>) self.send("settings");
    settings.putIfAbsent("size", 1);
    return settings;
}
