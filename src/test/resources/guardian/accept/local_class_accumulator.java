// accept: a local class with instance state
Object stats(UvmObject self, Object... args) {
    class Accumulator {
        private double sum;
        private int n;
        private static final int LIMIT = 1000;

        void accept(double x) {
            if (n < LIMIT) {
                sum += x;
                n++;
            }
        }

        double mean() {
            return n == 0 ? 0 : sum / n;
        }
    }
    Accumulator acc = new Accumulator();
    for (Object arg : args) {
        if (arg instanceof Number number) {
            acc.accept(number.doubleValue());
        }
    }
    return acc.mean();
}
