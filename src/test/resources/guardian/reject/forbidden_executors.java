// rule: forbidden-api
Object pool(UvmObject self, Object... args) {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    pool.shutdown();
    return pool;
}
