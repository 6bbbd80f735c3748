// rule: static-state
Object table(UvmObject self, Object... args) {
    class Table {
        static final int SIZE;
        static {
            SIZE = 10;
        }
    }
    return Table.SIZE;
}
