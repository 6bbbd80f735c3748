// rule: forbidden-api
Object sneaky(UvmObject self, Object... args) {
    class Worker extends java.lang.Thread {
        public void run() {
        }
    }
    return new Worker();
}
