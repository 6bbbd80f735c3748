package io.batos.workbench.model;

import static io.batos.workbench.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.workbench.WindowFixture;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The Model tab in the whole main window on a real image, headless, the kernel refusing the FX
 * thread: Demo gives the image the demo core, the panel labels it and shows the CPU, and after one
 * answer ("Try it") its tokens per second.
 */
class ModelViewFxTest {
    @RegisterExtension
    final WindowFixture fx = new WindowFixture();
    final FxRobot robot = fx.robot();

    private String text(String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    @Test
    void theDemoCoreIsLabelledOnTheCpuAndShowsItsSpeedAfterOneAnswer() throws Exception {
        robot.interact(() -> fx.window().view().showTab("Model"));
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
        assertThat(fx.window().view().modelModel().tokensPerSecondProperty().get()).isPositive();
        // The progress row with its Cancel button hides again once the answer is in.
        assertThat(robot.lookup("#modelCancel").query().getParent().isVisible()).isFalse();
    }
}
