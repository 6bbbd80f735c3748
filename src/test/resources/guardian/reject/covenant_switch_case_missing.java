// rule: covenant
Object apply(UvmObject self, Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    switch (String.valueOf(args[0])) {
        case "add":
            items.add(args[1]);
            self.markChanged();
            break;
        case "clear":
            items.clear();
            break;
        default:
            return "unknown";
    }
    return items.size();
}
