package io.batos.image;

/**
 * Named places where a crash test may halt the process, as a kill -9 would.
 *
 * <p>Random SIGKILLs rarely land inside the few microseconds that matter (half a record written,
 * the log durable but the index not yet updated), so the crash tests also arm these points:
 * {@code -Dbatos.killAt=NAME:N} halts the JVM the Nth time NAME is reached. {@code halt} runs no
 * shutdown hook and flushes nothing, which is what a kill leaves behind. Unarmed, each point costs
 * one read of a final static field.
 */
public final class KillPoints {
    private static final String SPEC = System.getProperty("batos.killAt");
    private static final String NAME;
    private static final int AT;
    private static int reached;

    static {
        if (SPEC == null || SPEC.isBlank()) {
            NAME = null;
            AT = 0;
        } else {
            int colon = SPEC.lastIndexOf(':');
            NAME = colon < 0 ? SPEC : SPEC.substring(0, colon);
            AT = colon < 0 ? 1 : Integer.parseInt(SPEC.substring(colon + 1));
        }
    }

    private KillPoints() {
    }

    /** Answers whether {@code name} is the armed point (so a caller can prepare a torn write). */
    static boolean armed(String name) {
        return NAME != null && NAME.equals(name) && reached + 1 >= AT;
    }

    /** Halts the JVM when {@code name} is armed and reached for the configured time. */
    static void reach(String name) {
        if (NAME == null || !NAME.equals(name)) {
            return;
        }
        synchronized (KillPoints.class) {
            if (++reached >= AT) {
                System.out.flush();
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
