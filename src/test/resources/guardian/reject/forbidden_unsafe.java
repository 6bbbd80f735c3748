// rule: forbidden-api
Object unsafe(UvmObject self, Object... args) {
    sun.misc.Unsafe u = null;
    return u;
}
