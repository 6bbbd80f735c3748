// rule: covenant
Object addUnique(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    items.add(args[0]);
    if (items.size() > 10) {
        return "full";
    }
    self.markChanged();
    return "ok";
}
