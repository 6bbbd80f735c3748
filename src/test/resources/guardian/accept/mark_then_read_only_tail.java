// accept: a mark after the last change, then only reads
Object enqueue(UvmObject self, Object... args) {
    Object raw = self.get("queue");
    if (!(raw instanceof List<?>)) {
        return "no queue";
    }
    List<Object> queue = (List<Object>) raw;
    queue.add(args.length > 0 ? args[0] : "tick");
    self.markChanged();
    List<String> preview = new ArrayList<>();
    for (Object o : queue) {
        preview.add(String.valueOf(o));
    }
    preview.add("<end>");
    return String.join(", ", preview);
}
