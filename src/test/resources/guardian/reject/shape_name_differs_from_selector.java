// rule: shape
// selector: salute
Object greet(UvmObject self, Object... args) {
    return "hello";
}
