// rule: shape
public Object greet(UvmObject self, Object... args) {
    return "hello";
}
