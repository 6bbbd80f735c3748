// accept: recursion through self.send
// selector: factorial
Object factorial(UvmObject self, Object... args) {
    long n = args.length > 0 && args[0] instanceof Number k ? k.longValue() : 0;
    if (n <= 1) {
        return 1L;
    }
    return n * (Long) self.send("factorial", n - 1);
}
