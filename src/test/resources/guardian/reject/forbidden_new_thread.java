// rule: forbidden-api
Object background(UvmObject self, Object... args) {
    new Thread(() -> self.send("work")).start();
    return "started";
}
