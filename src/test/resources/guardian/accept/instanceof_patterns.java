// accept: pattern matching instanceof
Object kind(UvmObject self, Object... args) {
    Object value = args.length > 0 ? args[0] : self.get("value");
    if (value instanceof String s && !s.isBlank()) {
        return "text of " + s.length();
    } else if (value instanceof Number n) {
        return "number " + n;
    } else if (value instanceof List<?> list) {
        return "list of " + list.size();
    } else if (value instanceof Map<?, ?> map) {
        return "map of " + map.size();
    }
    return "nothing";
}
