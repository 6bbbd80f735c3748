// rule: forbidden-api
Object load(UvmObject self, Object... args) {
    try {
        return Class.forName(String.valueOf(args[0]), true, null);
    } catch (Exception e) {
        return null;
    }
}
