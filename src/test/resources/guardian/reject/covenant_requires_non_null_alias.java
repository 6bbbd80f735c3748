// rule: covenant
Object safeAdd(UvmObject self, Object... args) {
    List<Object> items = Objects.requireNonNull((List<Object>) self.get("items"));
    items.add(args[0]);
    return items;
}
