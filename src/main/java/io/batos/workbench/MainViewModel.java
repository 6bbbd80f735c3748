package io.batos.workbench;

import io.batos.image.ImageInfo;
import io.batos.kernel.CycleInfo;
import io.batos.kernel.Kernel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The main window's state: its title ({@code BAT OS Workbench — PATH — tx N}) and the status bar
 * (image path, object count, last transaction, image size, notifications with details on demand).
 *
 * <p>I refresh the image figures through the {@link TaskExecutor} whenever any view reports a
 * commit to the shared {@link Notifications}, so the title follows every change.
 */
public final class MainViewModel {
    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;
    private final Path image;
    private final StringProperty title = new SimpleStringProperty();
    private final StringProperty figures = new SimpleStringProperty("");
    private final LongProperty lastTx = new SimpleLongProperty(-1);

    public MainViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications, Path image) {
        this.kernel = kernel;
        this.executor = executor;
        this.notifications = notifications;
        this.image = image;
        title.set(title(image, -1));
        notifications.lastCommitProperty().addListener((obs, old, tx) -> refresh());
        // A cancelled task's worker may be inside a send: the kernel stops it at its next budget check.
        executor.setCancelHook(thread -> kernel.cancel(thread));
    }

    /** Whether some background work has run longer than a moment (the status bar shows progress). */
    public ReadOnlyBooleanProperty busyProperty() {
        return executor.busyProperty();
    }

    /** Cancels all background work in flight; each cancelled action reports {@code cancelled}. */
    public void cancel() {
        executor.cancelAll();
    }

    /**
     * Finds the cycles still in flight (running, or waiting for approval) off the UI thread and
     * hands them to {@code then} on it — what closing the window asks about.
     */
    public void cyclesInFlight(Consumer<List<CycleInfo>> then) {
        executor.run(() -> kernel.cycles().stream().filter(CycleInfo::inFlight).toList(), then, failure -> {
            notifications.failed(failure);
            then.accept(List.of());
        });
    }

    /**
     * Cancels these cycles and waits for each to end (off the UI thread), then runs {@code then}
     * on the UI thread — whether or not every cancel went through: closing the image cancels what
     * is left, and a cycle that had just committed stays committed.
     */
    public void cancelCycles(List<CycleInfo> cycles, Runnable then) {
        executor.run(() -> {
            RuntimeException first = null;
            for (CycleInfo cycle : cycles) {
                try {
                    kernel.cancelCycle(cycle.id());
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return cycles.size();
        }, cancelled -> then.run(), failure -> {
            notifications.failed(failure);
            then.run();
        });
    }

    /** The window title for an image and its last transaction (-1: not known yet). */
    public static String title(Path image, long lastTx) {
        return "BAT OS Workbench — " + image + (lastTx >= 0 ? " — tx " + lastTx : "");
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** The status bar's figures: path, objects, last transaction, image size (log + blobs). */
    public StringProperty figuresProperty() {
        return figures;
    }

    public LongProperty lastTxProperty() {
        return lastTx;
    }

    public ReadOnlyStringProperty notificationProperty() {
        return notifications.messageProperty();
    }

    public Notifications notifications() {
        return notifications;
    }

    /** Reads the image's figures again (in the background). */
    public void refresh() {
        executor.run(kernel::info, this::show, notifications::failed);
    }

    private void show(ImageInfo info) {
        lastTx.set(info.lastTx());
        title.set(title(image, info.lastTx()));
        figures.set(image + "   " + info.objects() + " objects   tx " + info.lastTx() + "   "
                + size(info.logBytes(), info.blobBytes()));
    }

    /** The image's size as the status bar shows it: {@code 1.2 MiB (log 1.0 MiB + blobs 200.0 KiB)}. */
    public static String size(long logBytes, long blobBytes) {
        return humanBytes(logBytes + blobBytes) + " (log " + humanBytes(logBytes) + " + blobs "
                + humanBytes(blobBytes) + ")";
    }

    /** A byte count a person reads: {@code 512 B}, {@code 1.5 KiB}, {@code 3.0 MiB}, {@code 1.2 GiB}. */
    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The full text behind the status bar's message (empty: nothing more to show). */
    public ReadOnlyStringProperty detailsProperty() {
        return notifications.detailsProperty();
    }
}
