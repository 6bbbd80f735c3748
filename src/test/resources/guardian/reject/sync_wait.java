// rule: sync
Object await(UvmObject self, Object... args) {
    Object lock = new Object();
    try {
        lock.wait(100);
    } catch (InterruptedException e) {
        return "interrupted";
    }
    return "done";
}
