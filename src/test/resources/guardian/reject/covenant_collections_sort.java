// rule: covenant
Object sortNames(UvmObject self, Object... args) {
    List<String> names = (List<String>) self.get("names");
    Collections.sort(names);
    return names;
}
