// rule: forbidden-api
Object shell(UvmObject self, Object... args) {
    try {
        return Runtime.getRuntime().exec(new String[] {"ls"});
    } catch (Exception e) {
        return e.getMessage();
    }
}
