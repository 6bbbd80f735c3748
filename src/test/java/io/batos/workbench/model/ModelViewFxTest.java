package io.batos.workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.Kernel;
import io.batos.workbench.FxTaskExecutor;
import io.batos.workbench.ImageFixture;
import io.batos.workbench.WorkbenchWindow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Model tab in the whole main window on a real image, headless, the kernel refusing the FX
 * thread: Demo gives the image the demo core, the panel labels it and shows the CPU, and after one
 * answer ("Try it") its tokens per second.
 */
class ModelViewFxTest {
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
        kernel.guard().forbid(t -> Platform.isFxApplicationThread());
        executor = new FxTaskExecutor();
        FxToolkit.setupStage(stage -> window = WorkbenchWindow.show(stage, kernel, executor, image.dir(), false));
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
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(
                WaitForAsyncUtils.asyncFx(condition).get()));
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    @Test
    void theDemoCoreIsLabelledOnTheCpuAndShowsItsSpeedAfterOneAnswer() throws Exception {
        robot.interact(() -> window.view().showTab("Model"));
        waitUntil(() -> text("#modelName").equals("no cognitive core"));
        assertThat(robot.lookup("#modelDemoLabel").query().isVisible()).isFalse();

        robot.clickOn("#modelDemo");
        waitUntil(() -> robot.lookup("#modelDemoLabel").query().isVisible());
        assertThat(text("#modelDemoLabel")).contains("not a language model");
        assertThat(text("#modelName")).isEqualTo("scripted demo (demo core, not a language model)");
        assertThat(text("#modelSpeed")).isEqualTo("no answer yet in this session");

        robot.clickOn("#modelGenerate");
        waitUntil(() -> text("#modelAnswer").startsWith("Hello, architect."));
        waitUntil(() -> text("#modelSpeed").matches("[0-9.]+ tokens/s, first token after [0-9]+ ms \\(\\d+ tokens, cpu\\)"));
        assertThat(text("#modelDevice")).isEqualTo("cpu");
        assertThat(window.view().modelModel().tokensPerSecondProperty().get()).isPositive();
        // The progress row with its Cancel button hides again once the answer is in.
        assertThat(robot.lookup("#modelCancel").query().getParent().isVisible()).isFalse();
    }
}
