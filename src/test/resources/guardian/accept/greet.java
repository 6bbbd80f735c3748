// accept: string concatenation with a slot read
// selector: greet
Object greet(UvmObject self, Object... args) {
    Object name = self.get("name");
    return "Hello, " + (name == null ? "stranger" : name) + "!";
}
