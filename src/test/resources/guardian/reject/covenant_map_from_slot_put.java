// rule: covenant
Object remember(UvmObject self, Object... args) {
    Map<String, Object> notes = (Map<String, Object>) self.get("notes");
    notes.put(String.valueOf(args[0]), args[1]);
    return notes.size();
}
