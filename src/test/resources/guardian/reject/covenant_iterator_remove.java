// rule: covenant
Object dropFirst(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    Iterator<Object> it = items.iterator();
    if (it.hasNext()) {
        it.next();
        it.remove();
    }
    return items;
}
