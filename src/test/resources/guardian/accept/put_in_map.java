// accept: a map taken from a slot, changed, then marked
Object note(UvmObject self, Object... args) {
    if (args.length < 2) {
        return "need a key and a value";
    }
    Map<String, Object> notes = (Map<String, Object>) self.get("notes");
    if (notes == null) {
        notes = new LinkedHashMap<>();
        notes.put(String.valueOf(args[0]), args[1]);
        self.set("notes", notes);
        self.markChanged();
        return 1;
    }
    notes.put(String.valueOf(args[0]), args[1]);
    self.markChanged();
    return notes.size();
}
