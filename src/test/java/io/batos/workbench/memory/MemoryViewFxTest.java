package io.batos.workbench.memory;

import static io.batos.workbench.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.memory.AuditLines;
import io.batos.memory.Hit;
import io.batos.workbench.RememberedCycles;
import io.batos.workbench.WindowFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The Memory tab of the main window on a real image holding the known cycles, headless, driven by a
 * robot, with the kernel's guard forbidding the FX thread: a search opens a cycle, a bad query is
 * one line, and the report's charts plot the figures worked out by hand in {@link RememberedCycles}.
 */
class MemoryViewFxTest {
    @RegisterExtension
    final WindowFixture fx = new WindowFixture().onTab("Memory")
            .preparing(image -> RememberedCycles.remember(image.vessel()));
    final FxRobot robot = fx.robot();

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void aSearchListsCyclesSelectingOneShowsItsDocumentAndABadQueryIsOneLine() throws Exception {
        robot.clickOn("#memoryQuery").write("covenant").push(KeyCode.ENTER);
        TableView<Hit> results = robot.lookup("#memoryResults").queryTableView();
        waitUntil(() -> results.getItems().stream().anyMatch(h -> h.cycleId().equals(RememberedCycles.TALLY)));
        waitUntil(() -> robot.lookup((Node n) -> n instanceof TableCell<?, ?> c
                && RememberedCycles.TALLY.equals(c.getText())).tryQuery().isPresent());
        robot.clickOn(robot.lookup((Node n) -> n instanceof TableCell<?, ?> c
                && RememberedCycles.TALLY.equals(c.getText())).queryAs(Node.class));

        waitUntil(() -> robot.lookup("#memoryDocumentStates").tryQuery().isPresent());
        assertThat(text("#memoryDocumentTitle")).isEqualTo("cycle " + RememberedCycles.TALLY + " — FAILED");
        assertThat(text("#memoryDocumentStates"))
                .isEqualTo("IDLE → DECOMPOSING → DELEGATING → SYNTHESIZING → VALIDATING → FAILED");
        assertThat(text("#memoryDocumentPersonas")).isEqualTo("BRICK, BABS, ROBIN, ALFRED");
        TableView<Map<String, Object>> findings = robot.lookup("#memoryDocumentFindings").queryTableView();
        assertThat(findings.getItems()).extracting(f -> f.get("rule") + ": " + f.get("message"))
                .containsExactly("covenant: " + RememberedCycles.COVENANT_MESSAGE);
        assertThat(robot.lookup((Node n) -> n instanceof javafx.scene.control.TextArea a
                && a.getText().equals(RememberedCycles.artifact("tally"))).tryQuery()).as("the exchange's response").isPresent();

        List<Window> before = List.copyOf(Window.getWindows());
        robot.clickOn("#memoryQuery").push(KeyCode.CONTROL, KeyCode.A).write("outcome:(FAILED").push(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#memoryError").queryAs(Label.class).isVisible());
        assertThat(text("#memoryError")).startsWith("bad query 'outcome:(FAILED'").doesNotContain("\n");
        assertThat(Window.getWindows().stream().filter(w -> w instanceof Stage && w.isShowing() && !before.contains(w)))
                .as("no dialog").isEmpty();
        assertThat(results.getItems()).as("the hits stay").extracting(Hit::cycleId).contains(RememberedCycles.TALLY);

        robot.clickOn("#memoryQuery").push(KeyCode.CONTROL, KeyCode.A).write("outcome:FAILED").push(KeyCode.ENTER);
        waitUntil(() -> !robot.lookup("#memoryError").queryAs(Label.class).isVisible());
        waitUntil(() -> results.getItems().size() == 2);
    }

    @Test
    void theReportChartsPlotTheKnownFiguresAndRefreshFollowsNewCycles() throws Exception {
        BarChart<String, Number> states = robot.lookup("#memoryStateChart").query();
        BarChart<String, Number> personas = robot.lookup("#memoryPersonaChart").query();
        BarChart<Number, String> failures = robot.lookup("#memoryFindingsChart").query();
        waitUntil(() -> !states.getData().isEmpty());
        assertThat(bar(states, "VALIDATING")).isEqualTo(75.0);
        assertThat(bar(states, "DECOMPOSING")).isEqualTo(80.0);
        assertThat(bar(personas, "BRICK")).isEqualTo(60.0);
        assertThat(bar(personas, "ALFRED")).isEqualTo(75.0);
        assertThat(failures.getData().get(0).getData()).extracting(d -> d.getYValue() + "=" + d.getXValue())
                .containsExactlyInAnyOrder("covenant=1", "plan=1");
        assertThat(text("#memoryTotals")).isEqualTo("5 cycles: 3 complete, 2 failed, 0 running — 60.0 % succeeded");
        assertThat(text("#memoryCorrections")).contains("0 of 5 missions rescued");

        // One more cycle fails VALIDATING (logged, not yet ingested: the report reads the log too).
        CompletableFuture.runAsync(() -> AuditLines.append(fx.image().dir().resolve("metacognition.jsonl"),
                AuditLines.cycle("b00000000001", "square", Instant.parse("2026-11-21T09:00:00Z"), "Write square",
                        RememberedCycles.artifact("square"), List.of(AuditLines.finding("sandbox", "error",
                                "square calls System.exit", 2))))).get(10, TimeUnit.SECONDS);
        robot.clickOn("#memoryReportRefresh");
        waitUntil(() -> bar(states, "VALIDATING") == 60.0);
        assertThat(text("#memoryTotals")).startsWith("6 cycles: 3 complete, 3 failed");
    }

    /** The value of a chart's bar by category. */
    private static double bar(BarChart<String, Number> chart, String category) {
        return chart.getData().get(0).getData().stream().filter(d -> d.getXValue().equals(category))
                .map(XYChart.Data::getYValue).findFirst().orElseThrow().doubleValue();
    }
}
