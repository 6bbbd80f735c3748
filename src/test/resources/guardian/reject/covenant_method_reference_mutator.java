// rule: covenant
Object absorb(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    List.of(args).forEach(items::add);
    return items.size();
}
