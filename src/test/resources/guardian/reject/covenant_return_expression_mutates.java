// rule: covenant
Object addAndAnswer(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    self.markChanged();
    return items.add(args[0]);
}
