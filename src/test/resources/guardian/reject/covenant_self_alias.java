// rule: covenant
Object viaAlias(UvmObject self, Object... args) {
    UvmObject me = self;
    me.set("seen", true);
    return me;
}
