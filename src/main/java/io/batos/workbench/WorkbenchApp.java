package io.batos.workbench;

import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.AutotelicLoop;
import io.batos.kernel.Vessel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the image off the FX thread behind a loading pane, then shows the
 * {@link WorkbenchWindow}; closing the window (after asking, when cycles are in flight, and
 * cancelling them) saves its state, closes the image on a background thread and exits.
 *
 * <p>Started through {@link Workbench#launch(Path)} (a plain class, as JavaFX on the classpath
 * wants). Once the image is open the kernel's guard forbids the FX thread, so any view that calls
 * the kernel directly fails loudly instead of freezing the window.
 */
public final class WorkbenchApp extends Application {
    private static volatile Path image = Path.of("live_image");

    static void setImage(Path dir) {
        image = dir;
    }

    private Vessel vessel;
    private FxTaskExecutor executor;

    @Override
    public void start(Stage stage) {
        Path dir = image.toAbsolutePath().normalize();
        Label opening = new Label("Opening " + dir + " …");
        VBox loading = new VBox(12, new ProgressIndicator(), opening);
        loading.setPadding(new Insets(40));
        stage.setTitle(MainViewModel.title(dir, -1));
        stage.setScene(new Scene(loading, 480, 200));
        stage.show();
        CompletableFuture.supplyAsync(() -> {
            Vessel opened = Vessel.open(dir, LivingImage.OpenMode.CREATE);
            opened.startAutotelicLoop(AutotelicLoop.configuredPeriod());
            return opened;
        }).whenComplete(
                (opened, failure) -> Platform.runLater(() -> {
                    if (failure != null) {
                        opening.setText("Could not open " + dir + ": " + Notifications.shortMessage(failure));
                        return;
                    }
                    vessel = opened;
                    executor = new FxTaskExecutor();
                    Kernel kernel = new Kernel(vessel, "workbench");
                    kernel.guard().forbid(t -> Platform.isFxApplicationThread());
                    WorkbenchWindow window = WorkbenchWindow.show(stage, kernel, executor, dir,
                            vessel.image().openReport().created());
                    // With cycles in flight it asks first, and cancels them before the image closes.
                    window.closeOnRequest(this::closeAndExit);
                }));
    }

    private void closeAndExit() {
        Vessel toClose = vessel;
        vessel = null;
        Thread closer = new Thread(() -> {
            try {
                if (executor != null) {
                    executor.close();
                }
                if (toClose != null) {
                    toClose.close();
                }
            } finally {
                Platform.exit();
            }
        }, "batos-workbench-close");
        closer.start();
    }

    @Override
    public void stop() {
        if (vessel != null) {
            vessel.close();
            vessel = null;
        }
    }
}
