// rule: static-state
Object tick(UvmObject self, Object... args) {
    Supplier<Integer> ticks = new Supplier<>() {
        static int n;

        public Integer get() {
            return ++n;
        }
    };
    return ticks.get();
}
