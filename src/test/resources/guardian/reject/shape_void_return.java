// rule: shape
void greet(UvmObject self, Object... args) {
    self.send("print", "hello");
}
