// rule: parse
Object greet(UvmObject self, Object... args) {
    if (args.length > 0) {
        return args[0];
    return "none";
}
