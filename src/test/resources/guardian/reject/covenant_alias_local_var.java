// rule: covenant
Object enqueue(UvmObject self, Object... args) {
    var xs = (List<Object>) self.get("items");
    xs.add(1);
    return xs;
}
