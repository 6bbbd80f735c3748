// accept: an old-style switch, marked after it
Object apply(UvmObject self, Object... args) {
    Object raw = self.get("items");
    if (!(raw instanceof List<?>) || args.length == 0) {
        return "nothing";
    }
    List<Object> items = (List<Object>) raw;
    switch (String.valueOf(args[0])) {
        case "add":
            items.add(args.length > 1 ? args[1] : "x");
            break;
        case "clear":
            items.clear();
            break;
        default:
            return "unknown";
    }
    self.markChanged();
    return items.size();
}
