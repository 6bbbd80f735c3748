package io.batos.workbench;

import static io.batos.workbench.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Long actions show progress in the status bar and can be cancelled, and the window stays
 * responsive meanwhile — headless, on a real image, through the {@link FxTaskExecutor}.
 */
class WorkbenchCancelFxTest {
    @RegisterExtension
    final WindowFixture fx = new WindowFixture().created(true)
            // Far longer than the test waits: only Cancel can end the loop.
            .preparing(image -> image.vessel().methods().setLimits(60_000, 256));
    final FxRobot robot = fx.robot();

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
        waitUntil(() -> fx.executor().runningProperty().get() == 0);
        assertThat(shown("#statusProgress")).isFalse();
        assertThat(shown("#statusCancel")).isFalse();

        robot.interact(() -> fx.window().view().showTab("Workspace"));
        robot.interact(() -> fx.window().view().workspaceModel().doIt("while (true) { }"));
        waitUntil(() -> fx.executor().busyProperty().get());
        assertThat(shown("#statusProgress")).isTrue();
        assertThat(shown("#statusCancel")).isTrue();
        assertThat(fx.executor().runningProperty().get()).isEqualTo(1);

        // The FX thread is free while the loop spins: it answers at once.
        long start = System.nanoTime();
        String title = WaitForAsyncUtils.asyncFx(() -> fx.window().stage().getTitle()).get(2, TimeUnit.SECONDS);
        assertThat(title).startsWith("BAT OS Workbench");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);

        robot.clickOn("#statusCancel");
        waitUntil(() -> result().contains("cancelled"));
        waitUntil(() -> !fx.executor().busyProperty().get() && fx.executor().runningProperty().get() == 0);
        assertThat(shown("#statusProgress")).isFalse();
        assertThat(shown("#statusCancel")).isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> fx.window().view().model().notificationProperty().get())
                .get(5, TimeUnit.SECONDS)).contains("cancelled");

        // The worker was stopped too: another action runs and answers.
        robot.interact(() -> fx.window().view().workspaceModel().doIt("6 * 7"));
        waitUntil(() -> result().equals("42"));
    }

    @Test
    void quickActionsNeverShowProgress() throws Exception {
        robot.interact(() -> fx.window().view().showTab("Workspace"));
        robot.interact(() -> fx.window().view().workspaceModel().doIt("1 + 1"));
        waitUntil(() -> result().equals("2"));
        waitUntil(() -> fx.executor().runningProperty().get() == 0);
        assertThat(fx.executor().busyProperty().get()).isFalse();
        assertThat(shown("#statusProgress")).isFalse();
    }
}
