// rule: covenant
Object helper(UvmObject self, Object... args) {
    class Adder {
        void add(Object o) {
            ((List<Object>) self.get("items")).add(o);
        }
    }
    new Adder().add(args[0]);
    return "added";
}
