// rule: covenant
Object file(UvmObject self, Object... args) {
    Map<String, List<Object>> byKey = (Map<String, List<Object>>) self.get("byKey");
    List<Object> bucket = byKey.get(String.valueOf(args[0]));
    if (bucket != null) {
        bucket.add(args[1]);
        return bucket;
    }
    self.markChanged();
    return null;
}
