package io.batos.workbench.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.events.Event;
import io.batos.kernel.Kernel;
import io.batos.kernel.SendScope;
import io.batos.testing.Eventually;
import io.batos.testing.ScriptedLanguageModel;
import io.batos.workbench.ImageFixture;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's view model on a real image with a scripted model and a same-thread executor: the
 * bus's events are gathered and handed over the way the feed does, on the test's thread.
 */
class MonitorViewModelTest {
    static final String FIB = io.batos.testing.TaughtMethods.FIBONACCI;
    static final SendScope APPROVED = new SendScope(true, false);

    @TempDir
    Path dir;
    ImageFixture image;
    Kernel kernel;
    ScriptedLanguageModel scripted;
    MonitorViewModel monitor;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        image = new ImageFixture(dir.resolve("image"));
        kernel = image.kernel();
        scripted = new ScriptedLanguageModel().on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
                .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", FIB));
        image.vessel().cognitiveCore().attach(scripted);
        kernel.subscribe(events::add);
        monitor = new MonitorViewModel(kernel, TaskExecutor.sameThread(), new Notifications());
    }

    @AfterEach
    void close() {
        scripted.open();
        image.close();
    }

    /** Hands the gathered events over as the feed would: one batch per topic, in order. */
    private void deliver() {
        List<Event> batch;
        synchronized (events) {
            batch = List.copyOf(events);
            events.clear();
        }
        monitor.psm(batch.stream().filter(e -> e.topic().equals(Kernel.PSM_TOPIC)).toList());
        monitor.tokens(batch.stream().filter(e -> e.topic().equals(Kernel.TOKENS_TOPIC)).toList());
    }

    @Test
    void aCommittedCycleIsListedWithItsPathTimelinePromptsStreamAndOutcome() {
        assertThat(APPROVED.run(() -> kernel.send(kernel.lobby(), "fibonacci", 10L)).json()).isEqualTo("55");
        deliver();
        assertThat(monitor.cycles()).singleElement().satisfies(row -> {
            assertThat(row.mission()).isEqualTo("fibonacci on @" + kernel.lobby());
            assertThat(row.state()).isEqualTo("COMPLETE");
            assertThat(row.inFlight()).isFalse();
            assertThat(row.outcome()).matches("COMPLETE \\(tx \\d+\\)");
        });
        String id = monitor.cycles().get(0).cycleId();

        monitor.select(id);
        assertThat(monitor.stateProperty().get()).isEqualTo("COMPLETE");
        assertThat(monitor.visited()).containsExactly("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING",
                "VALIDATING", "COMPLETE");
        assertThat(monitor.timeline()).extracting(TimelineEntry::type).contains("STATE_TRANSITION",
                "ARTIFACT_GENERATED", "VALIDATION_SUCCESS", "CYCLE_COMPLETE");
        assertThat(monitor.exchanges()).extracting(x -> x.persona()).containsExactly("BRICK", "BABS", "ROBIN");
        assertThat(monitor.exchanges().get(0).response()).isEqualTo(ScriptedLanguageModel.plan("fibonacci"));
        assertThat(monitor.streamProperty().get()).contains("── ROBIN · SYNTHESIZING ──")
                .contains(ScriptedLanguageModel.artifact("fibonacci", FIB));
        assertThat(monitor.detailsProperty().get()).contains("Verdict: accepted").contains("Trial run: 55")
                .contains("Outcome: COMPLETE");
        assertThat(monitor.cancellableProperty().get()).isFalse();
    }

    @Test
    void aRunningCycleShowsItsStateAndCancellingItEndsItFailedWithNothingWritten() throws Exception {
        scripted.hold();
        long lastTx = image.vessel().image().lastTx();
        CompletableFuture<String> send = CompletableFuture.supplyAsync(() ->
                APPROVED.run(() -> kernel.send(kernel.lobby(), "fibonacci", 10L)).json());
        Eventually.until(() -> scripted.requests().size() == 1);
        deliver();
        assertThat(monitor.cycles()).singleElement().satisfies(row -> {
            assertThat(row.state()).isEqualTo("DECOMPOSING");
            assertThat(row.inFlight()).isTrue();
        });
        monitor.select(monitor.cycles().get(0).cycleId());
        // BRICK takes over after the transition's event; the selected cycle's details say so.
        assertThat(monitor.cycles().get(0).persona()).isEqualTo("BRICK");
        assertThat(monitor.stateProperty().get()).isEqualTo("DECOMPOSING");
        assertThat(monitor.cancellableProperty().get()).isTrue();
        assertThat(monitor.exchanges()).singleElement().satisfies(x -> assertThat(x.response()).isNull());

        monitor.cancelSelected();

        assertThat(monitor.statusProperty().get()).endsWith("cancelled: nothing was written");
        deliver();
        assertThat(monitor.cycles().get(0).state()).isEqualTo("FAILED");
        assertThat(monitor.cycles().get(0).outcome()).isEqualTo("FAILED: cancelled by the architect");
        assertThat(monitor.stateProperty().get()).isEqualTo("FAILED");
        assertThat(monitor.cancellableProperty().get()).isFalse();
        assertThat(image.vessel().image().lastTx()).isEqualTo(lastTx);
        assertThat(send).failsWithin(20, TimeUnit.SECONDS);
    }

    @Test
    void aCycleAwaitingApprovalShowsTheApprovalStateAndCyclesListNewestFirst() throws Exception {
        CompletableFuture<String> parked = CompletableFuture.supplyAsync(() ->
                new SendScope(false, true).run(() -> kernel.send(kernel.lobby(), "fibonacci", 10L)).json());
        Eventually.until(() -> !image.vessel().orchestrator().awaitingApproval().isEmpty());
        deliver();
        CycleRow row = monitor.cycles().get(0);
        assertThat(row.awaitingApproval()).isTrue();
        assertThat(row.stateText()).isEqualTo("VALIDATING (awaiting approval)");
        monitor.select(row.cycleId());
        assertThat(monitor.stateProperty().get()).isEqualTo(MonitorViewModel.APPROVAL);

        long other = kernel.cloneInto(kernel.lobby(), "other");
        assertThat(APPROVED.run(() -> kernel.send(other, "fibonacci", 7L)).json()).isEqualTo("13");
        deliver();
        assertThat(monitor.cycles()).hasSize(2);
        assertThat(monitor.cycles().get(0).mission()).isEqualTo("fibonacci on @" + other);
        // The selection stays on the parked cycle.
        assertThat(monitor.selectedCycleProperty().get()).isEqualTo(row.cycleId());
        assertThat(monitor.stateProperty().get()).isEqualTo(MonitorViewModel.APPROVAL);

        image.vessel().orchestrator().approve(row.cycleId());
        assertThat(parked.get(20, TimeUnit.SECONDS)).isEqualTo("55");
        deliver();
        assertThat(monitor.stateProperty().get()).isEqualTo("COMPLETE");
    }

    @Test
    void refreshListsCyclesThatStartedBeforeTheMonitorListened() {
        assertThat(APPROVED.run(() -> kernel.send(kernel.lobby(), "fibonacci", 3L)).json()).isEqualTo("2");
        events.clear();
        monitor.refresh();
        assertThat(monitor.cycles()).singleElement().satisfies(row -> {
            assertThat(row.state()).isEqualTo("COMPLETE");
            assertThat(row.inFlight()).isFalse();
        });
        monitor.cancelSelected();
        assertThat(monitor.statusProperty().get()).isEqualTo("select a cycle to cancel");
    }
}
