package io.batos.workbench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the workbench's background work — everything that touches the image, the compiler or the
 * model — and hands results back to the UI thread in one place.
 *
 * <p>ViewModels take one of these and never call the kernel directly on the FX thread (the kernel's
 * guard refuses it). The application uses {@link FxTaskExecutor}; ViewModel tests use
 * {@link #sameThread()}, which runs everything at once on the caller's thread, so they are
 * deterministic and need no robot.
 */
public interface TaskExecutor {
    /**
     * Runs {@code work} in the background; {@code onSuccess} or {@code onFailure} then runs on the UI
     * thread. Answers a future that also completes (off the UI thread) with the work's result.
     */
    <T> CompletableFuture<T> run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs {@code action} on the UI thread (now, when already on it). */
    void onUi(Runnable action);

    /** An executor that runs everything immediately on the calling thread (for ViewModel tests). */
    static TaskExecutor sameThread() {
        return new TaskExecutor() {
            @Override
            public <T> CompletableFuture<T> run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T value;
                try {
                    value = work.get();
                } catch (RuntimeException | Error e) {
                    onFailure.accept(e);
                    return CompletableFuture.failedFuture(e);
                }
                onSuccess.accept(value);
                return CompletableFuture.completedFuture(value);
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
    }
}
