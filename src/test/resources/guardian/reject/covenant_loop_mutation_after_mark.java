// rule: covenant
Object fill(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    self.markChanged();
    for (Object arg : args) {
        items.add(arg);
    }
    return items.size();
}
