// rule: static-state
Object remember(UvmObject self, Object... args) {
    class Cache {
        static final Map<Object, Object> SEEN = new HashMap<>();
    }
    return Cache.SEEN.put(args[0], args[0]);
}
