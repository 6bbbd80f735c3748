// accept: a loop over the arguments
Object sum(UvmObject self, Object... args) {
    long total = 0;
    for (Object arg : args) {
        if (arg instanceof Number n) {
            total += n.longValue();
        }
    }
    return total;
}
