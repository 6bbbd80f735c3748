package io.batos.workbench.verdicts;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.code.Finding;
import io.batos.events.Event;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.kernel.CycleInfo;
import io.batos.kernel.Kernel;
import io.batos.kernel.SendScope;
import io.batos.kernel.Vessel;
import io.batos.testing.Eventually;
import io.batos.testing.ScriptedLanguageModel;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict queue's ViewModel on a real image with a scripted model, same-thread executor: a
 * parked cycle with its findings, diff and trial result; approve installs; reject writes nothing.
 */
class VerdictQueueViewModelTest {
    /** Correct, and calls markChanged() without changing state: accepted with a covenant warning. */
    static final String FIB_WITH_WARNING = """
            Object fibonacci(UvmObject self, Object... args) {
                long n = ((Number) args[0]).longValue();
                long a = 0, b = 1;
                for (long i = 0; i < n; i++) {
                    long t = a + b;
                    a = b;
                    b = t;
                }
                self.markChanged();
                return a;
            }""";
    static final String OLD_FIB = """
            Object fibonacci(UvmObject self, Object... args) {
                return 0L;
            }""";

    @TempDir
    Path dir;
    Vessel vessel;
    Kernel kernel;
    long lobby;
    Notifications notifications;
    VerdictQueueViewModel viewModel;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        lobby = kernel.lobby();
        vessel.cognitiveCore().attach(new ScriptedLanguageModel()
                .on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
                .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", FIB_WITH_WARNING)));
        notifications = new Notifications();
        viewModel = new VerdictQueueViewModel(kernel, TaskExecutor.sameThread(), notifications);
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    /** A send the workbench could make: it may park its cycle in the queue. */
    private CompletableFuture<String> parkFibonacci() {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> new SendScope(false, true)
                .run(() -> kernel.send(lobby, "fibonacci", 9L)).json());
        Eventually.until(() -> !kernel.awaitingApproval().isEmpty());
        return answer;
    }

    @Test
    void aParkedCycleShowsWithItsWarningTrialResultAndSourceAndApprovingInstallsIt() throws Exception {
        viewModel.refresh();
        assertThat(viewModel.countProperty().get()).isZero();
        CompletableFuture<String> answer = parkFibonacci();
        viewModel.refresh();

        assertThat(viewModel.countProperty().get()).isEqualTo(1);
        CycleInfo cycle = viewModel.selectedProperty().get();
        assertThat(cycle.brief().selector()).isEqualTo("fibonacci");
        assertThat(cycle.trialResult()).isEqualTo("34");
        assertThat(cycle.replaces()).isFalse();
        assertThat(viewModel.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.rule()).isEqualTo("covenant");
        });
        // A new method: its source alone, every line on the right.
        assertThat(viewModel.diffRows()).hasSize((int) FIB_WITH_WARNING.lines().count())
                .allSatisfy(row -> assertThat(row.left()).isNull());
        assertThat(viewModel.diffStatProperty().get()).isEmpty();

        viewModel.approve();
        assertThat(viewModel.getStatus()).startsWith("approved: fibonacci on @" + lobby + " installed (tx ");
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("34");
        assertThat(kernel.get(lobby, "fibonacci")).isEqualTo(new MethodSource(FIB_WITH_WARNING));
        assertThat(viewModel.waiting()).isEmpty();
        assertThat(viewModel.countProperty().get()).isZero();
        assertThat(viewModel.selectedProperty().get()).isNull();
        assertThat(notifications.lastCommitProperty().get()).isEqualTo(vessel.image().lastTx());
    }

    @Test
    void rejectingWithANoteWritesNothingAndTheCycleEndsFailedWithTheNote() throws Exception {
        CompletableFuture<String> answer = parkFibonacci();
        viewModel.refresh();
        String id = viewModel.selectedProperty().get().id();
        long lastTx = vessel.image().lastTx();

        viewModel.noteProperty().set("I prefer recursion");
        viewModel.reject();

        assertThat(viewModel.getStatus()).contains("ended FAILED").contains("I prefer recursion");
        assertThat(vessel.image().lastTx()).isEqualTo(lastTx);
        assertThat(kernel.cycle(id).state()).isEqualTo("FAILED");
        assertThat(kernel.cycle(id).outcome().reason()).contains("I prefer recursion");
        assertThat(viewModel.waiting()).isEmpty();
        assertThat(viewModel.noteProperty().get()).isEmpty();
        assertThat(answer).failsWithin(20, TimeUnit.SECONDS);
        assertThat(vessel.image().lastTx()).isEqualTo(lastTx);
    }

    @Test
    void anArtifactThatReplacesAMethodIsDiffedAgainstIt() {
        kernel.install(lobby, "fibonacci", OLD_FIB);
        // The orchestrator is asked directly, as a correction or a rewrite would be: the slot exists.
        vessel.orchestrator().teach(io.batos.cognition.psm.MissionBrief.method(lobby, "fibonacci", "[9]", "{}",
                List.of("fibonacci"), null), List.of(9L), false);
        Eventually.until(() -> !kernel.awaitingApproval().isEmpty());
        viewModel.refresh();

        CycleInfo cycle = viewModel.selectedProperty().get();
        assertThat(cycle.replaces()).isTrue();
        assertThat(cycle.replaced()).isEqualTo(OLD_FIB);
        assertThat(cycle.replacedHolder()).isEqualTo(lobby);
        assertThat(viewModel.diffStatProperty().get()).isEqualTo("+9 −1");
        assertThat(viewModel.diffRows()).anySatisfy(row -> {
            assertThat(row.left().kind()).isEqualTo(LineDiff.Kind.REMOVED);
            assertThat(row.left().text()).contains("return 0L;");
        });
        assertThat(viewModel.diffRows().get(0).left().kind()).isEqualTo(LineDiff.Kind.SAME);
    }

    @Test
    void onlyEventsThatCanChangeTheQueueRefreshIt() {
        parkFibonacci();
        viewModel.onEvent(Event.of("tx", "COMMIT", Map.of("txId", 1L)));
        assertThat(viewModel.waiting()).isEmpty();
        viewModel.onEvent(Event.of("psm", "APPROVAL_REQUESTED", Map.of()));
        assertThat(viewModel.waiting()).hasSize(1);
    }

    @Test
    void decidingWithNothingSelectedSaysSo() {
        viewModel.approve();
        assertThat(viewModel.getStatus()).isEqualTo("select a cycle to approve");
        viewModel.reject();
        assertThat(viewModel.getStatus()).isEqualTo("select a cycle to reject");
    }
}
