// rule: covenant
Object spin(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    for (;;) {
        items.add(1);
        if (items.size() > 3) {
            break;
        }
    }
}
