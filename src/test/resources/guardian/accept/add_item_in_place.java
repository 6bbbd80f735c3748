// accept: an in-place change ended by markChanged
Object addItem(UvmObject self, Object... args) {
    Object current = self.get("items");
    if (!(current instanceof List<?>)) {
        self.set("items", new ArrayList<>(Arrays.asList(args)));
        self.markChanged();
        return args.length;
    }
    List<Object> items = (List<Object>) current;
    items.addAll(Arrays.asList(args));
    self.markChanged();
    return items.size();
}
