package io.batos.kernel;

import java.util.function.Predicate;

/**
 * Refuses work on a thread that must never wait on the image, the compiler or the network — the
 * workbench's UI thread.
 *
 * <p>The kernel knows no UI toolkit (DESIGN.md §2), so the workbench tells it which thread that is.
 * A call from there is a bug in the caller, and failing loudly in tests is how it is found.
 */
public final class ThreadGuard {
    private volatile Predicate<Thread> forbidden = thread -> false;

    /** Names the thread(s) on which kernel calls are refused. */
    public void forbid(Predicate<Thread> forbidden) {
        this.forbidden = forbidden;
    }

    /** Throws when called on a forbidden thread. */
    public void check(String what) {
        Thread current = Thread.currentThread();
        if (forbidden.test(current)) {
            throw new IllegalStateException(what + " was called on " + current.getName()
                    + ": the UI thread must not wait on the image; run it on an executor");
        }
    }
}
