// rule: covenant
Object takeUntil(UvmObject self, Object... args) {
    Deque<Object> queue = (Deque<Object>) self.get("queue");
    while (!queue.isEmpty()) {
        Object next = queue.poll();
        if (next == null) {
            return "hole";
        }
    }
    self.markChanged();
    return "drained";
}
