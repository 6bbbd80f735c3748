// accept: Optional chaining
Object title(UvmObject self, Object... args) {
    return Optional.ofNullable(self.get("title"))
            .map(String::valueOf)
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .orElse("untitled");
}
