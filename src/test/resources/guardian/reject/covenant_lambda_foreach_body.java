// rule: covenant
Object addAllArgs(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    Arrays.asList(args).forEach(a -> items.add(a));
    return items.size();
}
