// rule: forbidden-api
Object say(UvmObject self, Object... args) {
    out.println("hello");
    return null;
}
