// rule: sync
Object signalLater(UvmObject self, Object... args) {
    Runnable r = args[0]::notify;
    return r;
}
