// rule: forbidden-api
Object async(UvmObject self, Object... args) {
    return CompletableFuture.supplyAsync(() -> 42).join();
}
