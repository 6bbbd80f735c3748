// accept: an iterator removing from a slot's list, then marked
Object dropShort(UvmObject self, Object... args) {
    Object raw = self.get("words");
    if (!(raw instanceof List<?>)) {
        return 0;
    }
    int dropped = 0;
    Iterator<?> it = ((List<?>) raw).iterator();
    while (it.hasNext()) {
        if (String.valueOf(it.next()).length() < 3) {
            it.remove();
            dropped++;
        }
    }
    self.markChanged();
    return dropped;
}
