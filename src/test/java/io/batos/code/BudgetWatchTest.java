package io.batos.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.testing.Eventually;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watch that stops sends past their time limit: never before the limit, not while the send
 * waits outside its budget, and also after the watch has parked for lack of work. The budget is
 * driven as generated code drives it: enter, ticks, exit.
 */
@Timeout(30)
class BudgetWatchTest {
    private static final long LIMIT = TimeUnit.MILLISECONDS.toNanos(200);

    private final Budget budget = Budget.current();

    /** Ticks until the budget stops the send; answers how long that took. */
    private long spinUntilStopped() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            while (true) {
                budget.tick();
            }
        }).isInstanceOf(RunawayMethodError.class).hasMessageContaining("ran past its time budget of 200 ms");
        return System.nanoTime() - start;
    }

    /** Ticks well past one slow-path check, which must find the send within its budget. */
    private void tickFreely() {
        for (int i = 0; i < 100_000; i++) {
            budget.tick();
        }
    }

    @Test
    void aRunawaySendIsStoppedAndNeverBeforeItsLimit() {
        budget.enter("spin", LIMIT, 64);
        try {
            assertThat(spinUntilStopped()).isGreaterThanOrEqualTo(LIMIT);
        } finally {
            budget.exit();
        }
        budget.enter("next", LIMIT, 64);
        try {
            tickFreely();
        } finally {
            budget.exit();
        }
    }

    @Test
    void aNestedSendAfterTheLimitIsRefused() throws Exception {
        budget.enter("outer", LIMIT, 64);
        try {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(LIMIT) + 100);
            Eventually.until(() -> {
                try {
                    budget.enter("inner", LIMIT, 64);
                    budget.exit();
                    return false;
                } catch (RunawayMethodError e) {
                    return e.getMessage().contains("ran past its time budget");
                }
            });
        } finally {
            budget.exit();
        }
    }

    @Test
    void timeSpentWaitingOutsideTheBudgetDoesNotCount() throws Exception {
        budget.enter("waits", LIMIT, 64);
        try {
            budget.pause();
            long start = System.nanoTime();
            Thread.sleep(3 * TimeUnit.NANOSECONDS.toMillis(LIMIT));
            budget.resume(System.nanoTime() - start);
            tickFreely();
            assertThat(spinUntilStopped()).as("the budget still runs out after the wait").isPositive();
        } finally {
            budget.exit();
        }
    }

    @Test
    void anIdleWatchParksAndTheNextSendWakesIt() {
        budget.enter("first", LIMIT, 64);
        budget.exit();
        Thread watch = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("batos-budget-watch")).findFirst().orElseThrow();
        Eventually.until(() -> watch.getState() == Thread.State.WAITING);

        budget.enter("afterIdle", LIMIT, 64);
        try {
            assertThat(spinUntilStopped()).isGreaterThanOrEqualTo(LIMIT);
        } finally {
            budget.exit();
        }
    }
}
