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

    /**
     * Counts a pass through {@code name} and answers true on the armed pass, so that the caller
     * can leave something half done (a torn write) before calling {@link #halt()}.
     */
    static boolean hit(String name) {
        if (NAME == null || !NAME.equals(name)) {
            return false;
        }
        synchronized (KillPoints.class) {
            return ++reached == AT;
        }
    }

    /** Halts the JVM when {@code name} is armed and reached for the configured time. */
    static void reach(String name) {
        if (hit(name)) {
            halt();
        }
    }

    /** Ends the process at once, as SIGKILL would: no shutdown hooks, nothing flushed. */
    static void halt() {
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
