// accept: removeIf on a slot's list, then marked
Object prune(UvmObject self, Object... args) {
    Object raw = self.get("items");
    if (raw instanceof List<?> list) {
        int before = list.size();
        list.removeIf(Objects::isNull);
        self.markChanged();
        return before - list.size();
    }
    return 0;
}
