// accept: a counter kept in a slot
Object increment(UvmObject self, Object... args) {
    Object value = self.get("count");
    long count = value instanceof Number n ? n.longValue() : 0L;
    count += args.length > 0 && args[0] instanceof Number step ? step.longValue() : 1L;
    self.set("count", count);
    self.markChanged();
    return count;
}
