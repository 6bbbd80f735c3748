package io.batos.code;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The time and nesting budget of one thread's top-level send.
 *
 * <p>{@code Thread.stop} is gone and an interrupt cannot stop {@code while (true) {}}, so the
 * compiler inserts {@code $budget.tick()} at every loop back-edge and at method and block-lambda
 * entry. A tick is one increment and one branch; every 4,096th tick reads two fields that other
 * threads set: a cancel, and the {@link BudgetWatch}'s mark that the send ran past its time limit
 * (sends never read the clock themselves). Once expired the budget stays expired, so a method that
 * catches the error and loops on meets it again at its next tick. One budget per thread, confined
 * to it apart from those fields.
 */
public final class Budget {
    private static final int CHECK_EVERY = 0xFFF;

    private int ticks;
    private long limitNanos;
    private boolean expired;
    private int depth;
    private int maxDepth;
    private String selector;
    private boolean blamed;
    /** Set from another thread by {@link #cancel()}; read only on the slow path and on entry. */
    private volatile boolean cancelled;

    // What the watch sees. Each top-level send has a number: started is the current or last one,
    // finished the last that ended (running while they differ); waitedNanos is the current send's
    // time spent waiting outside its budget, waiting is non-zero during such a wait; overdue is the
    // number of a send the watch found past its limit.
    private long started;
    private long finished;
    private long waitedNanos;
    private int waiting;
    private volatile long overdue;
    // The watch's own notes, touched by its thread only: the send it is timing, and since when.
    private long watchedSend;
    private long watchedSince;

    private static final VarHandle STARTED;
    private static final VarHandle FINISHED;
    private static final VarHandle WAITED;
    private static final VarHandle WAITING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STARTED = lookup.findVarHandle(Budget.class, "started", long.class);
            FINISHED = lookup.findVarHandle(Budget.class, "finished", long.class);
            WAITED = lookup.findVarHandle(Budget.class, "waitedNanos", long.class);
            WAITING = lookup.findVarHandle(Budget.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Every thread's budget, made once per thread, for a cancel and for the watch. */
    private static final Map<Thread, Budget> BY_THREAD = Collections.synchronizedMap(new WeakHashMap<>());
    private static final ThreadLocal<Budget> CURRENT = ThreadLocal.withInitial(() -> {
        Budget budget = new Budget();
        BY_THREAD.put(Thread.currentThread(), budget);
        BudgetWatch.start();
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
        if (expired || (++ticks & CHECK_EVERY) == 0 && (cancelled || overdue == started)) {
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

    /**
     * Enters a send; the outermost one gets the next number, which starts the watch's clock.
     * Answers whether this is the outermost.
     */
    boolean enter(String selector, long limitNanos, int maxDepth) {
        if (depth == 0) {
            this.selector = selector;
            this.limitNanos = limitNanos;
            this.maxDepth = maxDepth;
            this.expired = false;
            this.blamed = false;
            if (cancelled) {
                cancelled = false;
            }
            this.ticks = 0;
            WAITED.setRelease(this, 0L);
            WAITING.setRelease(this, 0);
            // Volatile, then the watch's parked flag: see BudgetWatch on why no start is missed.
            STARTED.setVolatile(this, started + 1);
            BudgetWatch.sendStarted();
        } else {
            if (cancelled) {
                expired = true;
                throw new RunawayMethodError("method '" + this.selector + "' was cancelled");
            }
            if (expired || overdue == started) {
                expired = true;
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
     * Starts a wait for something outside the send (a cognitive cycle writing a missing method):
     * the watch does not judge the send while it waits, and {@link #resume} gives the time back.
     */
    void pause() {
        if (depth > 0) {
            WAITING.setRelease(this, waiting + 1);
        }
    }

    /** Ends a wait that {@link #pause} began, which lasted {@code nanos}: it does not count. */
    void resume(long nanos) {
        if (depth > 0) {
            WAITED.setRelease(this, waitedNanos + nanos);
            WAITING.setRelease(this, waiting - 1);
        }
    }

    /** Leaves a send. */
    void exit() {
        if (--depth == 0) {
            FINISHED.setRelease(this, started);
        }
    }

    /**
     * The watch's scan: marks each top-level send that has run past its limit, timing a send from
     * the first scan that sees it. Answers whether any send is running.
     */
    static boolean watchAll(long now) {
        boolean running = false;
        synchronized (BY_THREAD) {
            for (Budget budget : BY_THREAD.values()) {
                running |= budget.watch(now);
            }
        }
        return running;
    }

    private boolean watch(long now) {
        long send = (long) STARTED.getVolatile(this);
        if (send == (long) FINISHED.getAcquire(this)) {
            return false;
        }
        if (send != watchedSend) {
            watchedSend = send;
            watchedSince = now;
        } else if ((int) WAITING.getAcquire(this) == 0
                && now - watchedSince - (long) WAITED.getAcquire(this) > limitNanos && overdue != send) {
            overdue = send;
        }
        return true;
    }

    /** Whether the current top-level send has spent its budget. */
    boolean expired() {
        return expired;
    }

    int depth() {
        return depth;
    }
}
