// rule: static-state
static int calls = 0;

Object count(UvmObject self, Object... args) {
    return ++calls;
}
