// rule: sync
Object signal(UvmObject self, Object... args) {
    Object lock = args[0];
    lock.notifyAll();
    return lock;
}
