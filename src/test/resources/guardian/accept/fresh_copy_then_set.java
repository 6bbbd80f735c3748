// accept: a fresh copy mutated freely, stored with set and marked
Object sortedCopy(UvmObject self, Object... args) {
    Object stored = self.get("names");
    List<String> names = new ArrayList<>();
    if (stored instanceof List<?> list) {
        for (Object o : list) {
            names.add(String.valueOf(o));
        }
    }
    names.add("zed");
    Collections.sort(names);
    names.removeIf(String::isEmpty);
    self.set("sortedNames", names);
    self.markChanged();
    return names;
}
