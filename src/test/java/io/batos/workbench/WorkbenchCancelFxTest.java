package io.batos.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.Kernel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Long actions show progress in the status bar and can be cancelled, and the window stays
 * responsive meanwhile — headless, on a real image, through the {@link FxTaskExecutor}.
 */
class WorkbenchCancelFxTest {
    @TempDir
    Path dir;
    @TempDir
    Path config;
    ImageFixture image;
    Kernel kernel;
    FxTaskExecutor executor;
    WorkbenchWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        System.setProperty("batos.config.dir", config.toString());
        image = new ImageFixture(dir.resolve("image"));
        kernel = image.kernel();
        // Far longer than the test waits: only Cancel can end the loop.
        image.vessel().methods().setLimits(60_000, 256);
        kernel.guard().forbid(t -> Platform.isFxApplicationThread());
        executor = new FxTaskExecutor();
        FxToolkit.setupStage(stage -> window = WorkbenchWindow.show(stage, kernel, executor, image.dir(), true));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.close();
        image.close();
        System.clearProperty("batos.config.dir");
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(
                WaitForAsyncUtils.asyncFx(condition).get()));
    }

    private boolean shown(String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Node node = robot.lookup(id).query();
            return node.isVisible() && node.isManaged();
        }).get(5, TimeUnit.SECONDS);
    }

    private String result() {
        return robot.lookup("#workspaceResult").queryAs(Label.class).getText();
    }

    @Test
    void anEndlessDoItShowsProgressCancelEndsItAndTheWindowStaysResponsive() throws Exception {
        waitUntil(() -> executor.runningProperty().get() == 0);
        assertThat(shown("#statusProgress")).isFalse();
        assertThat(shown("#statusCancel")).isFalse();

        robot.interact(() -> window.view().showTab("Workspace"));
        robot.interact(() -> window.view().workspaceModel().doIt("while (true) { }"));
        waitUntil(() -> executor.busyProperty().get());
        assertThat(shown("#statusProgress")).isTrue();
        assertThat(shown("#statusCancel")).isTrue();
        assertThat(executor.runningProperty().get()).isEqualTo(1);

        // The FX thread is free while the loop spins: it answers at once.
        long start = System.nanoTime();
        String title = WaitForAsyncUtils.asyncFx(() -> window.stage().getTitle()).get(2, TimeUnit.SECONDS);
        assertThat(title).startsWith("BAT OS Workbench");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);

        robot.clickOn("#statusCancel");
        waitUntil(() -> result().contains("cancelled"));
        waitUntil(() -> !executor.busyProperty().get() && executor.runningProperty().get() == 0);
        assertThat(shown("#statusProgress")).isFalse();
        assertThat(shown("#statusCancel")).isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.view().model().notificationProperty().get())
                .get(5, TimeUnit.SECONDS)).contains("cancelled");

        // The worker was stopped too: another action runs and answers.
        robot.interact(() -> window.view().workspaceModel().doIt("6 * 7"));
        waitUntil(() -> result().equals("42"));
    }

    @Test
    void quickActionsNeverShowProgress() throws Exception {
        robot.interact(() -> window.view().showTab("Workspace"));
        robot.interact(() -> window.view().workspaceModel().doIt("1 + 1"));
        waitUntil(() -> result().equals("2"));
        waitUntil(() -> executor.runningProperty().get() == 0);
        assertThat(executor.busyProperty().get()).isFalse();
        assertThat(shown("#statusProgress")).isFalse();
    }
}
