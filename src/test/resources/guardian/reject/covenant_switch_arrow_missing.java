// rule: covenant
Object apply(UvmObject self, Object... args) {
    Map<String, Object> m = (Map<String, Object>) self.get("m");
    switch (args.length) {
        case 0 -> m.clear();
        case 1 -> { m.remove(String.valueOf(args[0])); self.markChanged(); }
        default -> { return "too many"; }
    }
    return m;
}
