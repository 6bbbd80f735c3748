// rule: forbidden-api
Object nat(UvmObject self, Object... args) {
    class Native {
        native int call();
    }
    return new Native();
}
