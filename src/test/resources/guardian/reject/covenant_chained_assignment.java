// rule: covenant
Object chained(UvmObject self, Object... args) {
    List<Object> a;
    List<Object> b;
    a = b = (List<Object>) self.get("items");
    b.add(args.length);
    return a.size();
}
