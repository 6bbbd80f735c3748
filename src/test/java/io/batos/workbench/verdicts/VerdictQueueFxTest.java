package io.batos.workbench.verdicts;

import static io.batos.workbench.WindowFixture.offFx;
import static io.batos.workbench.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.cognition.psm.MissionBrief;
import io.batos.image.MethodSource;
import io.batos.kernel.CycleInfo;
import io.batos.kernel.SendScope;
import io.batos.testing.ScriptedLanguageModel;
import io.batos.workbench.WindowFixture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The verdict queue in the whole main window on a real image, headless, with a scripted model and
 * the kernel refusing the FX thread: a parked cycle arrives live (badge, findings, trial result),
 * Approve installs it, Reject with a note writes nothing, and a replacing artifact is diffed.
 */
class VerdictQueueFxTest {
    long lobby;
    @RegisterExtension
    final WindowFixture fx = new WindowFixture().preparing(image -> {
        lobby = image.kernel().lobby();
        image.vessel().cognitiveCore().attach(new ScriptedLanguageModel()
                .on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
                .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci",
                        VerdictQueueViewModelTest.FIB_WITH_WARNING)));
    });
    final FxRobot robot = fx.robot();

    private CompletableFuture<String> sendThatMayPark() {
        return CompletableFuture.supplyAsync(() -> new SendScope(false, true)
                .run(() -> fx.kernel().send(lobby, "fibonacci", 9L)).json());
    }

    private Label badge() {
        Tab tab = fx.window().view().tabs().getTabs().stream().filter(t -> t.getText().equals("Verdicts")).findFirst()
                .orElseThrow();
        return (Label) tab.getGraphic();
    }

    private boolean shows(Class<? extends Labeled> type, String prefix) {
        return robot.lookup((Node n) -> type.isInstance(n) && n.isVisible() && ((Labeled) n).getText() != null
                && ((Labeled) n).getText().startsWith(prefix)).tryQuery().isPresent();
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    @Test
    void aParkedCycleArrivesLiveWithItsFindingsAndBadgeAndApproveInstallsIt() throws Exception {
        assertThat(badge().isVisible()).isFalse();
        CompletableFuture<String> answer = sendThatMayPark();

        waitUntil(() -> badge().isVisible() && badge().getText().equals("1"));
        robot.interact(() -> fx.window().view().showTab("Verdicts"));
        waitUntil(() -> shows(ListCell.class, "fibonacci on @" + lobby));
        waitUntil(() -> shows(ListCell.class, "warning [covenant]"));
        assertThat(text("#verdictTrial")).isEqualTo("Trial run answered: 34");
        assertThat(text("#verdictArtifactHeading")).isEqualTo("A new method");
        assertThat(text("#verdictTitle")).isEqualTo("Teach fibonacci on @" + lobby);

        robot.clickOn("#verdictApprove");
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("34");
        waitUntil(() -> !badge().isVisible());
        waitUntil(() -> text("#verdictStatus").startsWith("approved: fibonacci on @" + lobby + " installed (tx "));
        assertThat(robot.lookup("#verdictList").queryAs(ListView.class).getItems()).isEmpty();
        assertThat(offFx(() -> fx.kernel().get(lobby, "fibonacci")))
                .isEqualTo(new MethodSource(VerdictQueueViewModelTest.FIB_WITH_WARNING));
        assertThat(offFx(() -> fx.kernel().send(lobby, "fibonacci", 10L).json())).isEqualTo("55");
    }

    @Test
    void rejectWithANoteWritesNothingAndTheCycleEndsFailedWithTheNote() throws Exception {
        CompletableFuture<String> answer = sendThatMayPark();
        robot.interact(() -> fx.window().view().showTab("Verdicts"));
        waitUntil(() -> shows(ListCell.class, "fibonacci on @" + lobby));
        String id = offFx(() -> fx.kernel().awaitingApproval().get(0).id());
        long lastTx = offFx(() -> fx.image().vessel().image().lastTx());
        byte[] log = fx.image().log();

        robot.clickOn("#verdictNote").write("I prefer recursion");
        robot.clickOn("#verdictReject");
        waitUntil(() -> text("#verdictStatus").contains("ended FAILED"));
        assertThat(text("#verdictStatus")).contains("I prefer recursion");
        waitUntil(() -> !badge().isVisible());

        CycleInfo cycle = offFx(() -> fx.kernel().cycle(id));
        assertThat(cycle.state()).isEqualTo("FAILED");
        assertThat(cycle.findings()).anyMatch(f -> f.contains("I prefer recursion"));
        assertThat(answer).failsWithin(20, TimeUnit.SECONDS);
        assertThat(offFx(() -> fx.image().vessel().image().lastTx())).isEqualTo(lastTx);
        assertThat(fx.image().log()).isEqualTo(log);
    }

    @Test
    void anArtifactReplacingAMethodShowsRemovedAndAddedLinesAndInspectShowsTheCycle() throws Exception {
        offFx(() -> fx.kernel().install(lobby, "fibonacci", VerdictQueueViewModelTest.OLD_FIB));
        offFx(() -> fx.image().vessel().orchestrator().teach(MissionBrief.method(lobby, "fibonacci", "[9]", "{}",
                List.of("fibonacci"), null), List.of(9L), false));
        robot.interact(() -> fx.window().view().showTab("Verdicts"));
        waitUntil(() -> shows(ListCell.class, "fibonacci on @" + lobby));
        waitUntil(() -> text("#verdictDiffStat").equals("+9 −1"));
        assertThat(text("#verdictArtifactHeading")).startsWith("Replaces the method of @" + lobby);
        waitUntil(() -> robot.lookup("." + VerdictQueueView.REMOVED_CLASS).queryAll().stream()
                .anyMatch(n -> ((Labeled) n).getText().contains("return 0L;")));
        assertThat(robot.lookup("." + VerdictQueueView.ADDED_CLASS).queryAll()).extracting(n -> ((Labeled) n).getText())
                .anyMatch(t -> t.contains("self.markChanged();"))
                .noneMatch(t -> t.contains("return 0L;"));
        assertThat(robot.lookup("." + VerdictQueueView.REMOVED_CLASS).queryAll()).extracting(n -> ((Labeled) n).getText())
                .noneMatch(t -> t.contains("Object fibonacci("));

        robot.clickOn("#verdictInspect");
        waitUntil(() -> robot.lookup("#inspectorCycleState").tryQuery().isPresent()
                && text("#inspectorCycleState").contains("awaiting your verdict"));
        assertThat(text("#inspectorCycleState")).startsWith("state: VALIDATING");
        assertThat(text("#inspectorCycleBrief")).contains("selector: fibonacci").contains("receiver: " + lobby);
        waitUntil(() -> text("#inspectorCycleFindings").contains("warning [covenant]"));
    }
}
