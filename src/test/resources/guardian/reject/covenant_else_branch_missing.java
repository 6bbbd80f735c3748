// rule: covenant
Object toggle(UvmObject self, Object... args) {
    List<String> flags = (List<String>) self.get("flags");
    if (flags.contains("on")) {
        flags.remove("on");
        self.markChanged();
        return false;
    } else {
        flags.add("on");
        return true;
    }
}
