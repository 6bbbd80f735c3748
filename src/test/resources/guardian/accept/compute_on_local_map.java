// accept: compute and merge on a fresh map stored with set
Object histogram(UvmObject self, Object... args) {
    Map<Integer, List<String>> byLength = new TreeMap<>();
    for (Object arg : args) {
        String s = String.valueOf(arg);
        byLength.computeIfAbsent(s.length(), k -> new ArrayList<>()).add(s);
    }
    self.set("histogram", new LinkedHashMap<>(byLength));
    self.markChanged();
    return byLength.keySet();
}
