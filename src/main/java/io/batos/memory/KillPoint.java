package io.batos.memory;

/**
 * Named places where a crash test may halt ingestion, as a kill -9 would.
 *
 * <p>Why: the interesting crash is the one between committing the documents and rotating the
 * audit log, a window of microseconds that a random SIGKILL almost never hits. A test arms a point
 * with {@code -Dbatos.memory.killAt=NAME} and the JVM halts the first time ingestion reaches it
 * ({@link Runtime#halt}: no shutdown hook runs, nothing is flushed). Unarmed, a point costs one
 * read of a final static field. The points: {@code ingest.read} (events read, nothing committed),
 * {@code ingest.committed} (documents and cursor committed, log not rotated),
 * {@code rotate.renamed} (the current file archived, the generation not yet advanced).
 */
final class KillPoint {
    private static final String ARMED = System.getProperty("batos.memory.killAt");

    private KillPoint() {
    }

    /** Halts the JVM with status 137 when {@code name} is the armed point. */
    static void reach(String name) {
        if (ARMED != null && ARMED.equals(name)) {
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
