// rule: covenant
Object push(UvmObject self, Object... args) {
    ((List<Object>) self.get("items")).add(args[0]);
    return null;
}
