// accept: an early return before any change needs no mark
Object push(UvmObject self, Object... args) {
    if (args.length == 0 || args[0] == null) {
        return "nothing to push";
    }
    Object stack = self.get("stack");
    if (!(stack instanceof List<?>)) {
        return "no stack";
    }
    ((List<Object>) stack).add(args[0]);
    self.markChanged();
    return "pushed";
}
