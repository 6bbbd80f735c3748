package io.batos.workbench;

import io.batos.image.ImageInfo;
import io.batos.kernel.Kernel;
import java.nio.file.Path;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The main window's state: its title ({@code BAT OS Workbench — PATH — tx N}) and the status bar
 * (image path, object count, last transaction, notifications).
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
    }

    /** The window title for an image and its last transaction (-1: not known yet). */
    public static String title(Path image, long lastTx) {
        return "BAT OS Workbench — " + image + (lastTx >= 0 ? " — tx " + lastTx : "");
    }

    public StringProperty titleProperty() {
        return title;
    }

    /** The status bar's figures: path, objects, last transaction, log size. */
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
                + info.logBytes() / 1024 + " KiB");
    }
}
