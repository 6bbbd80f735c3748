// accept: a bounded while loop and do-while
Object collatz(UvmObject self, Object... args) {
    long n = args.length > 0 && args[0] instanceof Number k ? Math.max(1, k.longValue()) : 27;
    int steps = 0;
    while (n != 1 && steps < 10_000) {
        n = n % 2 == 0 ? n / 2 : 3 * n + 1;
        steps++;
    }
    int digits = 0;
    long m = steps;
    do {
        digits++;
        m /= 10;
    } while (m > 0);
    return steps + " steps (" + digits + " digits)";
}
