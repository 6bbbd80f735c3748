// accept: changes in a loop, one mark after it
Object addAll(UvmObject self, Object... args) {
    Object raw = self.get("items");
    if (!(raw instanceof List<?>)) {
        return -1;
    }
    List<Object> items = (List<Object>) raw;
    int added = 0;
    for (Object arg : args) {
        if (arg == null) {
            continue;
        }
        items.add(arg);
        added++;
    }
    self.markChanged();
    return added;
}
