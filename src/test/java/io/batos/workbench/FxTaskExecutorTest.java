package io.batos.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The executor's tasks in flight, its busy flag and cancelling, without a window. */
class FxTaskExecutorTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static boolean onFx(java.util.concurrent.Callable<Boolean> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLongTaskIsBusyAndCancelDropsItsResultAndCallsTheHookWithItsWorker() throws Exception {
        try (FxTaskExecutor executor = new FxTaskExecutor()) {
            List<Thread> hooked = new CopyOnWriteArrayList<>();
            CountDownLatch stop = new CountDownLatch(1);
            executor.setCancelHook(thread -> {
                hooked.add(thread);
                stop.countDown();
            });
            AtomicBoolean succeeded = new AtomicBoolean();
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            CompletableFuture<Thread> worker = new CompletableFuture<>();
            executor.run(() -> {
                worker.complete(Thread.currentThread());
                try {
                    stop.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "done";
            }, value -> succeeded.set(true), failure -> {
                assertThat(Platform.isFxApplicationThread()).isTrue();
                failed.complete(failure);
            });
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> executor.busyProperty().get()));
            assertThat(onFx(() -> executor.runningProperty().get() == 1)).isTrue();

            Platform.runLater(executor::cancelAll);
            assertThat(failed.get(5, TimeUnit.SECONDS)).hasMessage("cancelled");
            assertThat(hooked).containsExactly(worker.get(1, TimeUnit.SECONDS));
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> !executor.busyProperty().get()
                    && executor.runningProperty().get() == 0));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(succeeded).isFalse();
        }
    }

    @Test
    void aQuickTaskIsNeverBusy() throws Exception {
        try (FxTaskExecutor executor = new FxTaskExecutor()) {
            List<Boolean> busy = new CopyOnWriteArrayList<>();
            Platform.runLater(() -> executor.busyProperty().addListener((obs, old, now) -> busy.add(now)));
            CompletableFuture<String> answered = new CompletableFuture<>();
            executor.run(() -> "quick", answered::complete, answered::completeExceptionally);
            assertThat(answered.get(5, TimeUnit.SECONDS)).isEqualTo("quick");
            Thread.sleep(FxTaskExecutor.BUSY_AFTER_MILLIS + 200);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(busy).isEmpty();
            assertThat(onFx(() -> executor.runningProperty().get() == 0)).isTrue();
        }
    }
}
