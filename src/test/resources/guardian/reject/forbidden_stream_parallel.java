// rule: forbidden-api
Object total(UvmObject self, Object... args) {
    return IntStream.range(0, 1000).parallel().sum();
}
