// rule: forbidden-api
Object peek(UvmObject self, Object... args) {
    java.lang.reflect.Field[] fields = new java.lang.reflect.Field[0];
    return fields.length;
}
