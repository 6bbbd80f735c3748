// rule: covenant
Object emptyIt(UvmObject self, Object... args) {
    if (self.get("items") instanceof List<?> list) {
        list.clear();
        return "emptied";
    }
    return "nothing";
}
