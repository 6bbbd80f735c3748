package io.batos.workbench;

import java.nio.file.Path;
import javafx.application.Application;

/**
 * The workbench's plain launcher (not an {@link Application} subclass, so JavaFX starts from the
 * classpath): {@code Workbench.launch(image)} opens the window and returns when it is closed.
 */
public final class Workbench {
    private Workbench() {
    }

    /** Opens the workbench on an image directory (created when missing); blocks until it closes. */
    public static void launch(Path image) {
        WorkbenchApp.setImage(image);
        Application.launch(WorkbenchApp.class);
    }

    public static void main(String[] args) {
        launch(Path.of(args.length > 0 ? args[0] : "live_image"));
    }
}
