// rule: forbidden-api
Object write(UvmObject self, Object... args) {
    try (var out = new java.util.Formatter("/tmp/out.txt")) {
        out.format("%s", args[0]);
    } catch (Exception e) {
        return e;
    }
    return "written";
}
