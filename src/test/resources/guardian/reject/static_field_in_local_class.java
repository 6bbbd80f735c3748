// rule: static-state
Object counter(UvmObject self, Object... args) {
    class Counter {
        static int calls;
    }
    Counter.calls++;
    return Counter.calls;
}
