// rule: sync
Object box(UvmObject self, Object... args) {
    class Box {
        private Object value;

        synchronized void put(Object v) {
            value = v;
        }
    }
    Box box = new Box();
    box.put(args[0]);
    return box;
}
