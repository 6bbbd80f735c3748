package io.batos.code;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that reads the clock for every budget: it marks a top-level send that has run
 * past its time limit, and the send's next slow-path tick ends it.
 *
 * <p>Reading the clock costs about 40 ns on a virtual machine — as much as the rest of a send to a
 * compiled method — so sends never read it. Every {@link #PERIOD_NANOS} the watch looks at each
 * thread's budget: a send it sees for the first time is timed from that moment (at most one period
 * after the send began) and marked at the first scan past its limit from then. So a send is
 * stopped no earlier than its limit and at most two periods (plus 4,096 ticks) after it. With no
 * send running for {@link #IDLE_SCANS} scans in a row the watch parks until the next top-level
 * send wakes it, so an idle image costs no wake-ups.
 *
 * <p>Parking cannot miss a send: the watch announces it is parking and then looks once more, and a
 * send publishes that it started and then reads the announcement, both through volatile accesses,
 * so at least one of them sees the other.
 */
final class BudgetWatch {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final int IDLE_SCANS = 50;

    private static volatile boolean parked;
    private static volatile Thread thread;

    private BudgetWatch() {
    }

    /** Starts the watch if it is not running yet; budgets call this when they are made. */
    static synchronized void start() {
        if (thread == null) {
            Thread watch = new Thread(BudgetWatch::run, "batos-budget-watch");
            watch.setDaemon(true);
            thread = watch;
            watch.start();
        }
    }

    /** Called by a send that just published its start: wakes the watch if it is parked. */
    static void sendStarted() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    private static void run() {
        int idle = 0;
        while (true) {
            LockSupport.parkNanos(PERIOD_NANOS);
            if (Budget.watchAll(System.nanoTime())) {
                idle = 0;
                continue;
            }
            if (++idle < IDLE_SCANS) {
                continue;
            }
            parked = true;
            while (!Budget.watchAll(System.nanoTime())) {
                LockSupport.park(BudgetWatch.class);
            }
            parked = false;
            idle = 0;
        }
    }
}
