// accept: BigInteger arithmetic
Object fibonacci(UvmObject self, Object... args) {
    int n = args.length > 0 && args[0] instanceof Number k ? k.intValue() : 10;
    BigInteger a = BigInteger.ZERO;
    BigInteger b = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
        BigInteger next = a.add(b);
        a = b;
        b = next;
    }
    return a;
}
