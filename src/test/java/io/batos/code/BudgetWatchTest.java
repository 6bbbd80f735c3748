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

    /**
     * Ticks until the budget stops the send; answers how long that took. Gives up after 10 s, so a
     * watch that never marks the send fails here rather than spinning past the test's timeout,
     * which cannot interrupt a loop that never looks.
     */
    private long spinUntilStopped() {
        long start = System.nanoTime();
        long giveUp = start + TimeUnit.SECONDS.toNanos(10);
        assertThatThrownBy(() -> {
            while (System.nanoTime() - giveUp < 0) {
                budget.tick();
            }
        }).as("the send was never stopped").isInstanceOf(RunawayMethodError.class)
                .hasMessageContaining("ran past its time budget of 200 ms");
        return System.nanoTime() - start;
    }

    /** What a test does inside one top-level send. */
    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} as the top-level send {@code selector}, entered and left as generated code does. */
    private void inSend(String selector, Body body) throws Exception {
        budget.enter(selector, LIMIT, 64);
        try {
            body.run();
        } finally {
            budget.exit();
        }
    }

    /** Ticks well past one slow-path check, which must find the send within its budget. */
    private void tickFreely() {
        for (int i = 0; i < 100_000; i++) {
            budget.tick();
        }
    }

    @Test
    void aRunawaySendIsStoppedAndNeverBeforeItsLimit() throws Exception {
        inSend("spin", () -> assertThat(spinUntilStopped()).isGreaterThanOrEqualTo(LIMIT));
        inSend("next", this::tickFreely);
    }

    @Test
    void aNestedSendAfterTheLimitIsRefused() throws Exception {
        inSend("outer", () -> {
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
        });
    }

    @Test
    void timeSpentWaitingOutsideTheBudgetDoesNotCount() throws Exception {
        inSend("waits", () -> {
            budget.pause();
            long start = System.nanoTime();
            Thread.sleep(3 * TimeUnit.NANOSECONDS.toMillis(LIMIT));
            budget.resume(System.nanoTime() - start);
            tickFreely();
            assertThat(spinUntilStopped()).as("the budget still runs out after the wait").isPositive();
        });
    }

    @Test
    void anIdleWatchParksAndTheNextSendWakesIt() throws Exception {
        inSend("first", () -> { });
        Thread watch = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("batos-budget-watch")).findFirst().orElseThrow();
        Eventually.until(() -> watch.getState() == Thread.State.WAITING);

        inSend("afterIdle", () -> assertThat(spinUntilStopped()).isGreaterThanOrEqualTo(LIMIT));
    }
}
