package io.batos.testing;

/** Method sources the tests teach through scripted cycles, written once. */
public final class TaughtMethods {
    /** An iterative fibonacci: {@code fibonacci 10} answers 55. */
    public static final String FIBONACCI = """
            Object fibonacci(UvmObject self, Object... args) {
                long n = ((Number) args[0]).longValue();
                long a = 0, b = 1;
                for (long i = 0; i < n; i++) {
                    long t = a + b;
                    a = b;
                    b = t;
                }
                return a;
            }""";

    private TaughtMethods() {
    }
}
