// rule: static-state
Object registry(UvmObject self, Object... args) {
    interface Registry {
        List<Object> ALL = new ArrayList<>();
    }
    Registry.ALL.add(args[0]);
    return Registry.ALL.size();
}
