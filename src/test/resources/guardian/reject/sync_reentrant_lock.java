// rule: sync
Object locked(UvmObject self, Object... args) {
    var lock = new java.util.concurrent.locks.ReentrantLock();
    lock.lock();
    try {
        return self.get("value");
    } finally {
        lock.unlock();
    }
}
