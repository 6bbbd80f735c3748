// rule: forbidden-api
Object nap(UvmObject self, Object... args) {
    try {
        java.util.concurrent.TimeUnit.SECONDS.sleep(1);
    } catch (InterruptedException e) {
        return "woken";
    }
    return "rested";
}
