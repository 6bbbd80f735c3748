package io.batos.workbench;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The application's {@link TaskExecutor}: background work on a small pool of daemon threads,
 * results back on the FX thread through {@link Platform#runLater} — the one place the workbench
 * crosses back to the UI.
 *
 * <p>I keep the tasks in flight, so the status bar can show progress once one has run longer than
 * {@link #BUSY_AFTER_MILLIS} and {@link #cancelAll()} can cancel them: their futures are cancelled
 * (results dropped, {@code onFailure} told {@code cancelled}) and the cancel hook stops the work on
 * each worker thread (the kernel's cancel, which ends a running send at its next budget check).
 *
 * <p>Two sets of threads: a small pool for the views' reads and writes, and one thread per
 * {@linkplain #runApart send that may wait on a cognitive cycle} — a cycle awaiting approval may
 * wait for as long as the architect likes, and must not take a pool thread with it. Such a thread
 * ends when its cycle ends (committed, rejected, cancelled from the monitor, or cancelled when the
 * window closes); cancelling its task drops its result at once.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    /** How long a task runs before the status bar shows progress for it. */
    public static final long BUSY_AFTER_MILLIS = 300;

    private final ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "batos-workbench-worker");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Where sends that may wait on a cognitive cycle run: one thread each, as many as there are,
     * so a thought waiting for the architect never holds a thread the views need.
     */
    private final ExecutorService apart = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "batos-workbench-thought");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private volatile Consumer<Thread> cancelHook = thread -> { };

    /** One task in flight: its future and, while the work runs, the worker thread running it. */
    private static final class InFlight {
        final CompletableFuture<?> future;
        volatile Thread worker;
        volatile boolean slow;

        InFlight(CompletableFuture<?> future) {
            this.future = future;
        }
    }

    @Override
    public <T> CompletableFuture<T> run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return submit(pool, work, onSuccess, onFailure);
    }

    @Override
    public <T> CompletableFuture<T> runApart(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return submit(apart, work, onSuccess, onFailure);
    }

    private <T> CompletableFuture<T> submit(ExecutorService threads, Supplier<T> work, Consumer<T> onSuccess,
                                            Consumer<Throwable> onFailure) {
        CompletableFuture<T> future = new CompletableFuture<>();
        InFlight task = new InFlight(future);
        inFlight.add(task);
        later(this::recount);
        future.whenComplete((value, failure) -> {
            inFlight.remove(task);
            Platform.runLater(() -> {
                recount();
                if (failure == null) {
                    onSuccess.accept(value);
                } else if (failure instanceof CancellationException) {
                    onFailure.accept(new CancellationException("cancelled"));
                } else {
                    onFailure.accept(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
            });
        });
        CompletableFuture.delayedExecutor(BUSY_AFTER_MILLIS, TimeUnit.MILLISECONDS, FxTaskExecutor::later)
                .execute(() -> {
                    if (!future.isDone()) {
                        task.slow = true;
                        recount();
                    }
                });
        try {
            threads.execute(() -> {
                if (future.isDone()) {
                    return; // cancelled before it started
                }
                task.worker = Thread.currentThread();
                try {
                    future.complete(work.get());
                } catch (Throwable failure) {
                    future.completeExceptionally(failure);
                } finally {
                    task.worker = null;
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /** Counts the tasks in flight again; on the FX thread. */
    private void recount() {
        running.set(inFlight.size());
        busy.set(inFlight.stream().anyMatch(task -> task.slow && !task.future.isDone()));
    }

    @Override
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public void setCancelHook(Consumer<Thread> hook) {
        this.cancelHook = hook == null ? thread -> { } : hook;
    }

    @Override
    public void cancelAll() {
        for (InFlight task : inFlight) {
            Thread worker = task.worker;
            task.future.cancel(false);
            if (worker != null) {
                cancelHook.accept(worker);
            }
        }
        later(this::recount);
    }

    /** Runs {@code action} on the FX thread later; dropped when the toolkit is not running. */
    static void later(Runnable action) {
        try {
            Platform.runLater(action);
        } catch (IllegalStateException toolkitNotRunning) {
            // nothing to update
        }
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
        apart.shutdownNow();
    }
}
