// rule: shape
class Greeter {
    Object greet(UvmObject self, Object... args) {
        return "hello";
    }
}
