// rule: forbidden-api
Object pid(UvmObject self, Object... args) {
    return ProcessHandle.current().pid();
}
