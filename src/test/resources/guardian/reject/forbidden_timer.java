// rule: forbidden-api
Object later(UvmObject self, Object... args) {
    new Timer().schedule(new TimerTask() {
        public void run() {
        }
    }, 1000);
    return null;
}
