// rule: parse
Here is the method you asked for:
Object greet(UvmObject self, Object... args) { return "hi"; }
