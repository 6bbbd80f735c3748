package io.batos.workbench;

import static io.batos.workbench.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.LivingImage;
import io.batos.kernel.Vessel;
import io.batos.testing.ScriptedLanguageModel;
import io.batos.workbench.monitor.CycleRow;
import io.batos.workbench.monitor.MonitorView;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A send nobody understands, watched live: the whole main window on a real image, headless
 * (Monocle), with a scripted model — the workspace starts a cycle, the monitor lists it and draws
 * its state, cancel ends it leaving nothing, and closing the window with a cycle in flight asks,
 * cancels it and closes the image cleanly.
 */
class CycleMonitorFxTest {
    static final String FIB = io.batos.testing.TaughtMethods.FIBONACCI;
    static final String SEND = "self.send(\"fibonacci\", 10L)";

    final ScriptedLanguageModel scripted = new ScriptedLanguageModel()
            .on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
            .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", FIB));
    @RegisterExtension
    final WindowFixture fx = new WindowFixture().preparing(image -> image.vessel().cognitiveCore().attach(scripted));
    final FxRobot robot = fx.robot();

    /** Lets a held model answer before the fixture closes the window and the image. */
    @AfterEach
    void release() {
        scripted.open();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    /** ALFRED's codex with another approval policy (the workbench otherwise parks every cycle). */
    @SuppressWarnings("unchecked")
    private void approvalPolicy(String policy) {
        long alfred = fx.kernel().resolve("lobby.personas.ALFRED");
        Map<String, Object> codex = new LinkedHashMap<>((Map<String, Object>) fx.kernel().get(alfred, "codex"));
        codex.put("approval_policy", policy);
        fx.kernel().set(alfred, "codex", codex);
    }

    private String workspaceResult() {
        return robot.lookup("#workspaceResult").queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private TableView<CycleRow> cycleTable() {
        return robot.lookup("#monitorCycles").queryAs(TableView.class);
    }

    private MonitorView monitor() {
        return robot.lookup("#monitor").queryAs(MonitorView.class);
    }

    private String selectedTab() {
        return fx.window().view().tabs().getSelectionModel().getSelectedItem().getText();
    }

    /** Starts a send that is not understood from the workspace and waits until BRICK is asked. */
    private void sendFromTheWorkspace() throws Exception {
        robot.interact(() -> fx.window().view().showTab("Workspace"));
        robot.interact(() -> robot.lookup("#workspaceCode").queryAs(TextArea.class).setText(SEND));
        robot.clickOn("#workspaceDoIt");
        waitUntil(() -> scripted.requests().size() == 1);
    }

    @Test
    void aNotUnderstoodSendInTheWorkspaceIsWatchedInTheMonitorAndItsAnswerShows() throws Exception {
        approvalPolicy("never");
        scripted.hold();
        sendFromTheWorkspace();

        // The workspace opened the cycle in the monitor: listed, selected, its state drawn.
        waitUntil(() -> selectedTab().equals("Monitor"));
        waitUntil(() -> cycleTable().getItems().size() == 1
                && cycleTable().getItems().get(0).state().equals("DECOMPOSING"));
        CycleRow row = onFx(() -> cycleTable().getItems().get(0));
        assertThat(row.mission()).isEqualTo("fibonacci on @" + fx.kernel().lobby());
        assertThat(row.inFlight()).isTrue();
        waitUntil(() -> row.cycleId().equals(onFx(() -> cycleTable().getSelectionModel().getSelectedItem()
                .cycleId())));
        waitUntil(() -> monitor().diagram().activeState().equals("DECOMPOSING"));
        assertThat(robot.lookup("#psmStateDECOMPOSING").queryAs(Label.class).getStyleClass()).contains("psm-active");
        assertThat(robot.lookup("#monitorCancel").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(workspaceResult()).contains("cycle " + row.cycleId());

        scripted.open();
        waitUntil(() -> workspaceResult().equals("55"));
        waitUntil(() -> cycleTable().getItems().get(0).state().equals("COMPLETE"));
        waitUntil(() -> monitor().diagram().activeState().equals("COMPLETE"));
        assertThat(onFx(() -> cycleTable().getItems().get(0).outcome())).startsWith("COMPLETE (tx ");
        // The streamed output and the raw answers are there to read.
        robot.clickOn("Model output");
        waitUntil(() -> robot.lookup("#monitorStream").queryAs(TextArea.class).getText()
                .contains("── ROBIN · SYNTHESIZING ──"));
        waitUntil(() -> fx.window().view().monitorModel().exchanges().size() == 3);
        assertThat(CompletableFuture.supplyAsync(() -> fx.kernel().get(fx.kernel().lobby(), "fibonacci").toString())
                .get(10, TimeUnit.SECONDS)).contains("Object fibonacci(UvmObject self");
        // The title follows the cycle's commit.
        long last = CompletableFuture.supplyAsync(() -> fx.image().vessel().image().lastTx())
                .get(10, TimeUnit.SECONDS);
        waitUntil(() -> fx.window().stage().getTitle().endsWith("tx " + last));
    }

    @Test
    void underThePolicyAlwaysTheCycleWaitsInTheVerdictQueueAndApprovingAnswersTheWorkspace() throws Exception {
        // The codex's own policy, `always`: the workbench can park a cycle, so it asks the architect.
        robot.interact(() -> fx.window().view().showTab("Workspace"));
        robot.interact(() -> robot.lookup("#workspaceCode").queryAs(TextArea.class).setText(SEND));
        robot.clickOn("#workspaceDoIt");
        waitUntil(() -> selectedTab().equals("Monitor") && !cycleTable().getItems().isEmpty());
        waitUntil(() -> fx.window().view().verdictModel().countProperty().get() == 1);
        assertThat(robot.lookup("#verdictBadge").queryAs(Label.class).getText()).isEqualTo("1");
        waitUntil(() -> cycleTable().getItems().get(0).awaitingApproval());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.kernel().get(fx.kernel().lobby(), "fibonacci"))
                .as("nothing installed before approval").hasMessageContaining("no slot 'fibonacci'");

        robot.interact(() -> fx.window().view().showTab("Verdicts"));
        waitUntil(() -> robot.lookup("#verdictApprove").tryQuery().isPresent()
                && !robot.lookup("#verdictApprove").queryAs(Button.class).isDisabled());
        robot.clickOn("#verdictApprove");

        waitUntil(() -> workspaceResult().equals("55"));
        waitUntil(() -> fx.window().view().verdictModel().countProperty().get() == 0);
        waitUntil(() -> cycleTable().getItems().get(0).state().equals("COMPLETE"));
        assertThat(CompletableFuture.supplyAsync(() -> fx.kernel().get(fx.kernel().lobby(), "fibonacci").toString())
                .get(10, TimeUnit.SECONDS)).contains("Object fibonacci(UvmObject self");
    }

    @Test
    void cancellingARunningCycleFromTheMonitorEndsItFailedAndWritesNothing() throws Exception {
        byte[] before = fx.image().log();
        scripted.hold();
        sendFromTheWorkspace();
        waitUntil(() -> selectedTab().equals("Monitor") && !cycleTable().getItems().isEmpty()
                && cycleTable().getSelectionModel().getSelectedItem() != null);
        waitUntil(() -> !robot.lookup("#monitorCancel").queryAs(Button.class).isDisabled());

        robot.clickOn("#monitorCancel");

        waitUntil(() -> cycleTable().getItems().get(0).outcome().equals("FAILED: cancelled by the architect"));
        waitUntil(() -> monitor().diagram().activeState().equals("FAILED"));
        waitUntil(() -> robot.lookup("#monitorStatus").queryAs(Label.class).getText()
                .endsWith("cancelled: nothing was written"));
        assertThat(robot.lookup("#monitorCancel").queryAs(Button.class).isDisabled()).isTrue();
        waitUntil(() -> workspaceResult().contains("cancelled by the architect"));
        assertThat(fx.image().log()).isEqualTo(before);
    }

    @Test
    void closingTheWindowWithACycleInFlightAsksThenCancelsItAndTheImageClosesCleanly() throws Exception {
        long lastTx = fx.image().vessel().image().lastTx();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        robot.interact(() -> fx.window().closeOnRequest(() -> new Thread(() -> {
            fx.executor().close();
            fx.closeImage();
            closed.complete(null);
        }).start()));
        scripted.hold();
        sendFromTheWorkspace();
        waitUntil(() -> !cycleTable().getItems().isEmpty());
        String cycleId = onFx(() -> cycleTable().getItems().get(0).cycleId());

        robot.interact(() -> fx.window().stage()
                .fireEvent(new WindowEvent(fx.window().stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));

        waitUntil(() -> robot.lookup("#closeWithCyclesDialog").tryQuery().isPresent());
        assertThat(robot.lookup("#closeCyclesList").queryAs(TextArea.class).getText()).contains("cycle " + cycleId)
                .contains("fibonacci on @");
        // Asking is not closing: the image is still open, the cycle still thinking.
        assertThat(closed).isNotDone();
        assertThat(fx.window().stage().isShowing()).isTrue();
        robot.clickOn((Node n) -> n instanceof Button b && b.getText().equals("Cancel them and close"));

        closed.get(30, TimeUnit.SECONDS);
        assertThat(fx.window().stage().isShowing()).isFalse();
        try (Vessel reopened = Vessel.open(fx.image().dir(), LivingImage.OpenMode.EXISTING)) {
            assertThat(reopened.image().openReport().indexRebuilt()).isNull();
            assertThat(reopened.image().openReport().truncatedBytes()).isZero();
            assertThat(reopened.image().lastTx()).isEqualTo(lastTx);
            assertThat(reopened.image().verify().ok()).isTrue();
        }
        assertThat(Files.readString(fx.image().dir().resolve("metacognition.jsonl")))
                .contains("\"cycle_id\":\"" + cycleId + "\"").contains("CYCLE_FAILED");
    }

    @Test
    void closingTheWindowWithNoCycleInFlightDoesNotAsk() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        robot.interact(() -> fx.window().closeOnRequest(() -> new Thread(() -> {
            fx.executor().close();
            fx.closeImage();
            closed.complete(null);
        }).start()));
        robot.interact(() -> fx.window().stage()
                .fireEvent(new WindowEvent(fx.window().stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        closed.get(20, TimeUnit.SECONDS);
        assertThat(robot.lookup("#closeWithCyclesDialog").tryQuery()).isEmpty();
    }
}
