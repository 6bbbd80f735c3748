// rule: covenant
Object rename(UvmObject self, Object... args) {
    self.set("name", args.length > 0 ? String.valueOf(args[0]) : "nobody");
    return self.get("name");
}
