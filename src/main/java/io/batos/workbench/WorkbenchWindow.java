package io.batos.workbench;

import io.batos.kernel.Kernel;
import java.nio.file.Path;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts a {@link MainView} into a stage: restores the remembered {@link WorkbenchState}, keeps the
 * title in step with the image, and saves the state when the window closes.
 *
 * <p>Separate from {@link WorkbenchApp} so tests can open, close and reopen a window on their own
 * stage and image (with {@code batos.config.dir} pointing at a temporary directory).
 */
public final class WorkbenchWindow {
    private final Stage stage;
    private final MainView view;
    private boolean closing;

    private WorkbenchWindow(Stage stage, MainView view) {
        this.stage = stage;
        this.view = view;
    }

    /**
     * Builds the main view for a kernel on {@code stage}, restores the saved state and shows it. The
     * caller decides what closing means ({@code stage.setOnCloseRequest}); call {@link #saveState()}
     * from there.
     */
    public static WorkbenchWindow show(Stage stage, Kernel kernel, TaskExecutor executor, Path image, boolean created) {
        MainView view = new MainView(kernel, executor, image, created);
        WorkbenchState state = WorkbenchState.load();
        view.applyState(state);
        // Never larger than the screen (a remembered size may come from a bigger monitor).
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(state.width(), screen.getWidth());
        double height = Math.min(state.height(), screen.getHeight());
        stage.setScene(new Scene(view, width, height));
        stage.setWidth(width);
        stage.setHeight(height);
        stage.titleProperty().bind(view.model().titleProperty());
        stage.show();
        // Divider positions only stick once the split has its size.
        javafx.application.Platform.runLater(() -> view.applyState(state));
        // Once hidden, this view listens no more (tests show several windows on one stage in turn).
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_HIDDEN, this);
                view.close();
            }
        });
        return new WorkbenchWindow(stage, view);
    }

    /**
     * Makes the window's close button (and File ▸ Quit) close through {@link #requestClose}: when it
     * may close, the state is saved, the stage hidden and {@code closeImage} run — on the FX
     * thread, so it must hand the image's closing to another thread.
     */
    public void closeOnRequest(Runnable closeImage) {
        stage.setOnCloseRequest(event -> {
            event.consume();
            requestClose(() -> {
                saveState();
                stage.hide();
                closeImage.run();
            });
        });
    }

    /**
     * Closes when nothing is thinking; else asks first (DESIGN §11): the dialog lists the cycles
     * in flight, and yes cancels them — each ends FAILED, writing nothing — before {@code close}
     * runs. No question when no cycle runs. A second request while one is pending is ignored.
     */
    public void requestClose(Runnable close) {
        if (closing) {
            return;
        }
        closing = true;
        view.model().cyclesInFlight(inFlight -> {
            if (inFlight.isEmpty()) {
                closing = false;
                close.run();
                return;
            }
            // "Keep working": the next close request asks again.
            view.confirmClose(inFlight, () -> view.model().cancelCycles(inFlight, close), () -> closing = false);
        });
    }

    /** The state this window would save now. */
    public WorkbenchState state() {
        return view.captureState(stage.getWidth(), stage.getHeight());
    }

    /** Writes the window's state to the user's config directory. */
    public void saveState() {
        state().save();
    }

    public MainView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }
}
