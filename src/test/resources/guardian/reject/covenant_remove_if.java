// rule: covenant
Object prune(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    items.removeIf(Objects::isNull);
    return items.size();
}
