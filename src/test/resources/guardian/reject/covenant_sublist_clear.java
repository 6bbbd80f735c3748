// rule: covenant
Object keepLast(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    if (items.size() > 5) {
        items.subList(0, items.size() - 5).clear();
    }
    return items.size();
}
