// rule: covenant
Object later(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    items.add("x");
    Runnable mark = () -> self.markChanged();
    return mark;
}
