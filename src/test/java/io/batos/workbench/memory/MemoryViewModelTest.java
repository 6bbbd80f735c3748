package io.batos.workbench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.batos.events.Event;
import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import io.batos.memory.CycleDocument;
import io.batos.memory.Hit;
import io.batos.memory.flywheel.MetacognitionReport;
import io.batos.workbench.Notifications;
import io.batos.workbench.RememberedCycles;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory tool's ViewModel on a real image holding the known cycles, with a same-thread executor. */
class MemoryViewModelTest {
    @TempDir
    Path dir;

    private Vessel vessel;
    private Kernel kernel;
    private MemoryViewModel viewModel;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        RememberedCycles.remember(vessel);
        viewModel = new MemoryViewModel(kernel, TaskExecutor.sameThread(), new Notifications());
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    @Test
    void aSearchListsTheMatchingCyclesAndOpeningOneReadsItsDocument() {
        viewModel.search("fibonacci");
        assertThat(viewModel.hits()).extracting(Hit::cycleId).first().isEqualTo(RememberedCycles.FIBONACCI);
        assertThat(viewModel.searchErrorProperty().get()).isEmpty();

        viewModel.search("outcome:FAILED");
        assertThat(viewModel.hits()).extracting(Hit::cycleId)
                .containsExactlyInAnyOrder(RememberedCycles.TALLY, RememberedCycles.PARTY);
        assertThat(viewModel.searchStatusProperty().get()).isEqualTo("2 cycles");

        viewModel.open(RememberedCycles.TALLY);
        CycleDocument doc = viewModel.documentProperty().get();
        assertThat(doc.cycleId()).isEqualTo(RememberedCycles.TALLY);
        assertThat(doc.states()).containsExactly("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING", "VALIDATING",
                "FAILED");
        assertThat(doc.findings()).extracting(f -> f.get("message")).containsExactly(RememberedCycles.COVENANT_MESSAGE);
        assertThat(doc.exchanges()).extracting(x -> x.get("response")).containsExactly(RememberedCycles.artifact("tally"));
    }

    @Test
    void aMalformedQueryIsOneLineAndKeepsTheHits() {
        viewModel.search("greet");
        assertThat(viewModel.hits()).isNotEmpty();
        viewModel.search("outcome:(FAILED");
        assertThat(viewModel.searchErrorProperty().get()).startsWith("bad query 'outcome:(FAILED'").doesNotContain("\n");
        assertThat(viewModel.hits()).extracting(Hit::cycleId).contains(RememberedCycles.GREET);
        viewModel.search("");
        assertThat(viewModel.searchErrorProperty().get()).startsWith("empty query");
        viewModel.search("greet");
        assertThat(viewModel.searchErrorProperty().get()).isEmpty();
    }

    @Test
    void anUnknownCycleSaysSoAndACycleNotYetIngestedIsRecollectedFromTheLog() {
        viewModel.open("ffffffffffff");
        assertThat(viewModel.documentProperty().get()).isNull();
        assertThat(viewModel.documentErrorProperty().get()).isEqualTo("no cycle ffffffffffff in Fractal Memory");

        io.batos.memory.AuditLines.append(dir.resolve("metacognition.jsonl"), io.batos.memory.AuditLines.cycle(
                "b00000000001", "square", java.time.Instant.parse("2026-11-21T09:00:00Z"), "Write square",
                RememberedCycles.artifact("square"), java.util.List.of()));
        viewModel.open("b00000000001");
        assertThat(viewModel.documentErrorProperty().get()).isEmpty();
        assertThat(viewModel.documentProperty().get().selector()).isEqualTo("square");
        assertThat(viewModel.documentProperty().get().outcome()).isEqualTo("COMPLETE");
    }

    @Test
    void theReportGivesTheFiguresOfTheKnownLog() {
        viewModel.loadReport();
        MetacognitionReport report = viewModel.reportProperty().get();
        assertThat(MemoryViewModel.totalsLine(report))
                .isEqualTo("5 cycles: 3 complete, 2 failed, 0 running — 60.0 % succeeded");
        Map<String, Double> states = MemoryViewModel.stateRates(report);
        assertThat(states.get("VALIDATING")).isCloseTo(75.0, within(1e-9));
        assertThat(states.get("DECOMPOSING")).isCloseTo(80.0, within(1e-9));
        assertThat(states).doesNotContainKeys("COMPLETE", "FAILED");
        Map<String, Double> personas = MemoryViewModel.personaRates(report);
        assertThat(personas.get("BRICK")).isCloseTo(60.0, within(1e-9));
        assertThat(personas.get("ROBIN")).isCloseTo(75.0, within(1e-9));
        assertThat(report.topFailureFindings()).extracting(f -> f.rule()).containsExactlyInAnyOrder("covenant", "plan");
        assertThat(MemoryViewModel.correctionsLine(report)).contains("0 of 5 missions rescued");
    }

    @Test
    void liveEventsRecomputeAReportAlreadyShownAndNothingElse() {
        Event pass = Event.of("log", "AUTOTELIC_PASS", Map.of());
        viewModel.onEvent(pass);
        assertThat(viewModel.reportProperty().get()).as("not shown yet: not computed").isNull();
        viewModel.loadReport();
        MetacognitionReport first = viewModel.reportProperty().get();

        io.batos.memory.AuditLines.append(dir.resolve("metacognition.jsonl"), io.batos.memory.AuditLines.cycle(
                "b00000000002", "cube", java.time.Instant.parse("2026-11-21T10:00:00Z"), "Write cube",
                RememberedCycles.artifact("cube"), java.util.List.of()));
        viewModel.onEvent(Event.of("tx", "COMMIT", Map.of("note", "set")));
        assertThat(viewModel.reportProperty().get()).as("a commit does not change memory").isSameAs(first);
        viewModel.onEvent(Event.of("psm", "CYCLE_COMPLETE", Map.of()));
        assertThat(viewModel.reportProperty().get().totals().cycles()).isEqualTo(6);
    }
}
