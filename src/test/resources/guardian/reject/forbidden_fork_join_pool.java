// rule: forbidden-api
Object common(UvmObject self, Object... args) {
    return ForkJoinPool.commonPool().getParallelism();
}
