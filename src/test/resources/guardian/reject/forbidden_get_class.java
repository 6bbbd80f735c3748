// rule: forbidden-api
Object typeOf(UvmObject self, Object... args) {
    return args[0].getClass().getName();
}
