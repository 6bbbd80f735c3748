package io.batos.code;

/**
 * The time and nesting budget of one thread's top-level send.
 *
 * <p>{@code Thread.stop} is gone and an interrupt cannot stop {@code while (true) {}}, so the
 * compiler inserts {@code $budget.tick()} at every loop back-edge and at method and block-lambda
 * entry. A tick is one increment and one branch; every 4,096th tick reads the clock. Once expired
 * the budget stays expired, so a method that catches the error and loops on meets it again at its
 * next tick. One budget per thread, confined to it.
 */
public final class Budget {
    private static final int CLOCK_EVERY = 0xFFF;

    private int ticks;
    private long deadline;
    private long limitNanos;
    private boolean expired;
    private int depth;
    private int maxDepth;
    private String selector;
    private boolean blamed;
    /** Set from another thread by {@link #cancel()}; read only on the slow path and on entry. */
    private volatile boolean cancelled;

    /** Every thread's budget, made once per thread, so a cancel can find it without a per-send registry. */
    private static final java.util.Map<Thread, Budget> BY_THREAD =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private static final ThreadLocal<Budget> CURRENT = ThreadLocal.withInitial(() -> {
        Budget budget = new Budget();
        BY_THREAD.put(Thread.currentThread(), budget);
        return budget;
    });

    /** The budget of {@code thread}, or null when it never sent a message. */
    static Budget of(Thread thread) {
        return BY_THREAD.get(thread);
    }

    Budget() {
    }

    /**
     * The calling thread's budget; generated code uses it only where no {@code $budget} field is
     * in reach (static contexts such as local records).
     */
    public static Budget current() {
        return CURRENT.get();
    }

    /** Called by generated code; throws {@link RunawayMethodError} when the budget is spent. */
    public void tick() {
        if (expired || (++ticks & CLOCK_EVERY) == 0 && (cancelled || System.nanoTime() - deadline > 0)) {
            expire();
        }
    }

    private void expire() {
        expired = true;
        if (cancelled) {
            throw new RunawayMethodError("method '" + selector + "' was cancelled");
        }
        throw new RunawayMethodError("method '" + selector + "' ran past its time budget of "
                + limitNanos / 1_000_000 + " ms and was stopped");
    }

    /**
     * Cancels the current top-level send from any thread: its next slow-path tick (at most 4,096
     * ticks away) or nested send ends it with a {@link RunawayMethodError}. The next top-level send
     * starts uncancelled.
     */
    void cancel() {
        cancelled = true;
    }

    /** Whether the current top-level send was cancelled (rather than running away). */
    boolean cancelled() {
        return cancelled;
    }

    /** Enters a send; the outermost one starts the clock. Answers whether this is the outermost. */
    boolean enter(String selector, long limitNanos, int maxDepth) {
        if (depth == 0) {
            this.selector = selector;
            this.limitNanos = limitNanos;
            this.maxDepth = maxDepth;
            this.deadline = System.nanoTime() + limitNanos;
            this.expired = false;
            this.blamed = false;
            this.cancelled = false;
            this.ticks = 0;
        } else {
            if (cancelled) {
                expired = true;
                throw new RunawayMethodError("method '" + this.selector + "' was cancelled");
            }
            if (expired) {
                throw new RunawayMethodError("method '" + this.selector + "' ran past its time budget");
            }
            if (depth >= this.maxDepth) {
                expired = true;
                throw new RunawayMethodError("sends nested deeper than " + this.maxDepth + " (at '" + selector
                        + "'): endless recursion?");
            }
        }
        depth++;
        return depth == 1;
    }

    /**
     * Answers true once per runaway: the innermost send that sees the error is the one to
     * quarantine, not every caller it unwinds through.
     */
    boolean blame() {
        expired = true;
        if (blamed) {
            return false;
        }
        blamed = true;
        return true;
    }

    /**
     * Gives back the time a send spent waiting for something outside it (a cognitive cycle
     * writing a missing method): that wait does not count against the send's time budget.
     */
    void extend(long nanos) {
        if (depth > 0) {
            deadline += nanos;
        }
    }

    /** Leaves a send. */
    void exit() {
        depth--;
    }

    /** Whether the current top-level send has spent its budget. */
    boolean expired() {
        return expired;
    }

    int depth() {
        return depth;
    }
}
