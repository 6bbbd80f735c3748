package io.batos.workbench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Runs the workbench's background work — everything that touches the image, the compiler or the
 * model — and hands results back to the UI thread in one place.
 *
 * <p>ViewModels take one of these and never call the kernel directly on the FX thread (the kernel's
 * guard refuses it). The application uses {@link FxTaskExecutor}; ViewModel tests use
 * {@link #sameThread()}, which runs everything at once on the caller's thread, so they are
 * deterministic and need no robot.
 *
 * <p>Long work can be watched and cancelled: {@link #runningProperty()} counts the tasks in flight,
 * {@link #busyProperty()} says whether any has run longer than a moment (the status bar then shows
 * progress and a Cancel button), and {@link #cancelAll()} cancels them. The defaults describe an
 * executor with nothing ever in flight (such as {@link #sameThread()}).
 */
public interface TaskExecutor {
    /**
     * Runs {@code work} in the background; {@code onSuccess} or {@code onFailure} then runs on the UI
     * thread. Answers a future that also completes (off the UI thread) with the work's result.
     * A cancelled task's {@code onSuccess} never runs; its {@code onFailure} gets a
     * {@link java.util.concurrent.CancellationException} whose message is {@code cancelled}.
     */
    <T> CompletableFuture<T> run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * {@link #run}, for work that may wait on a cognitive cycle: a send that is not understood
     * waits until its cycle commits or fails, and a cycle awaiting approval waits for the
     * architect. Such work runs apart from the threads that serve the views (as the server runs
     * sends in a lane of their own), so no thought in the verdict queue holds up a read.
     */
    default <T> CompletableFuture<T> runApart(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(work, onSuccess, onFailure);
    }

    /** Runs {@code action} on the UI thread (now, when already on it). */
    void onUi(Runnable action);

    /** How many tasks are in flight (updated on the UI thread). */
    default ReadOnlyIntegerProperty runningProperty() {
        return Idle.RUNNING.getReadOnlyProperty();
    }

    /** Whether any task in flight has run longer than a moment (updated on the UI thread). */
    default ReadOnlyBooleanProperty busyProperty() {
        return Idle.BUSY.getReadOnlyProperty();
    }

    /**
     * Cancels every task in flight: their futures are cancelled, their results dropped, and the
     * {@linkplain #setCancelHook cancel hook} is told each worker thread still running one.
     */
    default void cancelAll() {
    }

    /**
     * Sets what stops the work running on a worker thread when its task is cancelled (the shell
     * wires it to {@link io.batos.kernel.Kernel#cancel(Thread)}).
     */
    default void setCancelHook(Consumer<Thread> hook) {
    }

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

/** The never-changing figures of an executor with nothing in flight. */
final class Idle {
    static final ReadOnlyIntegerWrapper RUNNING = new ReadOnlyIntegerWrapper(0);
    static final ReadOnlyBooleanWrapper BUSY = new ReadOnlyBooleanWrapper(false);

    private Idle() {
    }
}
