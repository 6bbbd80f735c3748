package io.batos.workbench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The application's {@link TaskExecutor}: background work on a small pool of daemon threads,
 * results back on the FX thread through {@link Platform#runLater} — the one place the workbench
 * crosses back to the UI.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "batos-workbench-worker");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> CompletableFuture<T> run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(work, pool);
        future.whenComplete((value, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                onSuccess.accept(value);
            } else {
                onFailure.accept(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        }));
        return future;
    }

    @Override
    public void onUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
