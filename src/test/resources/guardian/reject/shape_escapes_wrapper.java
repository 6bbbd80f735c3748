// rule: shape
Object greet(UvmObject self, Object... args) {
    return "hello";
}
}
class Evil {
    Object run() { return "escaped"; }
