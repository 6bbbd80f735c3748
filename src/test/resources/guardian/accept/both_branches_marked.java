// accept: if/else with a mark on each path
Object toggle(UvmObject self, Object... args) {
    Object raw = self.get("flags");
    if (!(raw instanceof List<?>)) {
        return false;
    }
    List<Object> flags = (List<Object>) raw;
    if (flags.contains("on")) {
        flags.remove("on");
        self.markChanged();
        return false;
    } else {
        flags.add("on");
        self.markChanged();
        return true;
    }
}
