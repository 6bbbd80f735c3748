// rule: static-state
Object memo(UvmObject self, Object... args) {
    record Memo(String key) {
        static Map<String, Object> CACHE = new HashMap<>();
    }
    return Memo.CACHE.computeIfAbsent(String.valueOf(args[0]), k -> k.length());
}
