// accept: BigDecimal rounding
Object average(UvmObject self, Object... args) {
    BigDecimal total = BigDecimal.ZERO;
    int count = 0;
    for (Object arg : args) {
        if (arg instanceof Number n) {
            total = total.add(new BigDecimal(n.toString()));
            count++;
        }
    }
    return count == 0 ? BigDecimal.ZERO : total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
}
