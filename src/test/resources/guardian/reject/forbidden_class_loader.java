// rule: forbidden-api
Object loader(UvmObject self, Object... args) {
    return ClassLoader.getSystemClassLoader();
}
