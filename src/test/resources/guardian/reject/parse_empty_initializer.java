// rule: parse
Object broken(UvmObject self, Object... args) {
    int x = ;
    return x;
}
