package io.batos.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.DemoImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.SlotDescription;
import io.batos.kernel.Vessel;
import io.batos.workbench.history.HistoryView;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders each view of the workbench on the demo image, headless, into {@code images/<view>.png}
 * (the README's screenshots). Not part of the normal build: {@code mvn -q -Pscreenshots verify}.
 * The memory and dataset views need remembered cycles and a curated dataset, so they are rendered
 * on a demo image given {@link RememberedCycles} (and a rescued correction) in a test of their own.
 */
@Tag("screenshots")
class ScreenshotsTest {
    @TempDir
    Path dir;

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Boolean.TRUE.equals(
                WaitForAsyncUtils.asyncFx(condition).get()));
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void shoot(WorkbenchWindow window, Path file) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> window.stage().getScene().snapshot(null)).get();
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void rendersEveryView() throws Exception {
        Path out = Path.of(System.getProperty("batos.screenshots.dir", "images"));
        System.setProperty("batos.config.dir", dir.resolve("config").toString());
        FxToolkit.registerPrimaryStage();
        try (Vessel vessel = DemoImage.create(dir.resolve("demo"));
             FxTaskExecutor executor = new FxTaskExecutor()) {
            Kernel kernel = new Kernel(vessel, "workbench");
            kernel.guard().forbid(thread -> Platform.isFxApplicationThread());
            long account = kernel.resolve("lobby.account");
            long trait = kernel.resolve("lobby.accountTrait");
            WorkbenchWindow[] window = new WorkbenchWindow[1];
            FxToolkit.setupStage(stage -> {
                window[0] = WorkbenchWindow.show(stage, kernel, executor, dir.resolve("demo"), true);
                stage.setWidth(1400);
                stage.setHeight(880);
            });
            MainView view = window[0].view();

            waitUntil(() -> view.tabs().getSelectionModel().getSelectedItem() != null);
            shoot(window[0], out.resolve("welcome.png"));

            SlotDescription deposit = kernel.describe(trait).slots().stream()
                    .filter(s -> s.name().equals("deposit")).findFirst().orElseThrow();
            Platform.runLater(() -> {
                view.showTab("Browser");
                view.browserModel().selectObject(trait);
                view.inspectorModel().inspect("lobby.account");
            });
            waitUntil(() -> view.browserModel().selectedObjectProperty().get() != null);
            Platform.runLater(() -> view.browserModel().selectSlot(deposit));
            waitUntil(() -> view.browserModel().methodSourceProperty().get().contains("deposit"));
            shoot(window[0], out.resolve("browser.png"));

            Platform.runLater(() -> {
                view.showTab("Workspace");
                view.workspace().codeArea().setText("List.of(3, 4, 5).stream().mapToInt(i -> i).sum()");
                view.workspace().codeArea().selectAll();
            });
            WaitForAsyncUtils.waitForFxEvents();
            Button printIt = (Button) view.workspace().lookup("#workspacePrintIt");
            Platform.runLater(printIt::fire);
            waitUntil(() -> view.workspace().codeArea().getText().contains("→"));
            shoot(window[0], out.resolve("workspace.png"));

            Platform.runLater(() -> view.showTab("History"));
            HistoryView history = (HistoryView) view.historyPane().getChildren().get(0);
            waitUntil(() -> !history.viewModel().transactions().isEmpty());
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<io.batos.image.TxInfo> table =
                    (javafx.scene.control.TableView<io.batos.image.TxInfo>) history.lookup("#history-table");
            Platform.runLater(() -> table.getItems().stream().filter(tx -> tx.note().contains("deposit")).findFirst()
                    .ifPresent(tx -> {
                        table.getSelectionModel().select(tx);
                        table.scrollTo(tx);
                    }));
            javafx.scene.control.TextArea diff = (javafx.scene.control.TextArea) history.lookup("#history-diff");
            waitUntil(() -> !diff.getText().isBlank());
            shoot(window[0], out.resolve("history.png"));

            Platform.runLater(() -> view.inspectorModel().inspect("lobby.counter"));
            WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
            shoot(window[0], out.resolve("inspector.png"));

            // The model panel on the demo core, after one answer.
            Platform.runLater(() -> {
                view.showTab("Model");
                view.modelModel().demo();
            });
            waitUntil(() -> view.modelModel().demoProperty().get() && !view.modelModel().busyProperty().get());
            Platform.runLater(() -> view.modelModel().tryIt());
            waitUntil(() -> view.modelModel().tokensPerSecondProperty().get() > 0);
            shoot(window[0], out.resolve("model.png"));

            // The verdict queue: the demo core teaches the lobby fibonacci, and the cycle waits.
            java.util.concurrent.CompletableFuture.runAsync(() -> new io.batos.kernel.SendScope(false, true)
                    .run(() -> kernel.send(kernel.lobby(), "fibonacci", 10L)));
            waitUntil(() -> view.verdictModel().countProperty().get() == 1);
            Platform.runLater(() -> {
                view.showTab("Verdicts");
                view.verdictModel().inspectSelected();
            });
            waitUntil(() -> !view.verdictModel().diffRows().isEmpty());
            shoot(window[0], out.resolve("verdicts.png"));

            // The PSM monitor on that cycle: its path so far, the state it waits in, its prompts.
            String cycleId = kernel.cycles().get(0).id();
            Platform.runLater(() -> view.openCycle(cycleId));
            waitUntil(() -> !view.monitorModel().exchanges().isEmpty() && !view.monitorModel().visited().isEmpty());
            shoot(window[0], out.resolve("monitor.png"));
            FxToolkit.cleanupStages();
        } finally {
            System.clearProperty("batos.config.dir");
        }
    }

    @Test
    void rendersTheMemoryAndDatasetsViews() throws Exception {
        Path out = Path.of(System.getProperty("batos.screenshots.dir", "images"));
        System.setProperty("batos.config.dir", dir.resolve("config").toString());
        FxToolkit.registerPrimaryStage();
        try (Vessel vessel = DemoImage.create(dir.resolve("memory-demo"));
             FxTaskExecutor executor = new FxTaskExecutor()) {
            RememberedCycles.log(vessel);
            // tally's correction remembers markChanged(): a mission the self-correction loop rescued
            java.util.Map<String, Object> dispatched = new java.util.LinkedHashMap<>();
            dispatched.put("current_state", "FAILED");
            dispatched.put("active_persona", "ALFRED");
            dispatched.put("selector", "tally");
            io.batos.memory.AuditLines.append(vessel.image().directory().resolve("metacognition.jsonl"),
                    java.util.List.of(io.batos.memory.AuditLines.event(RememberedCycles.TALLY, "CORRECTION_DISPATCHED",
                            java.time.Instant.parse("2026-11-20T09:03:00.075Z"), dispatched)));
            io.batos.memory.AuditLines.append(vessel.image().directory().resolve("metacognition.jsonl"),
                    io.batos.memory.AuditLines.cycle(RememberedCycles.TALLY + ".1", "tally",
                            java.time.Instant.parse("2026-11-20T09:06:00Z"), "Write the method tally for lobby;"
                                    + " the last attempt forgot markChanged()", RememberedCycles.artifact("tally"),
                            java.util.List.of()));
            vessel.memory().ingest();
            RememberedCycles.curate(vessel);
            Kernel kernel = new Kernel(vessel, "workbench");
            kernel.guard().forbid(thread -> Platform.isFxApplicationThread());
            WorkbenchWindow[] window = new WorkbenchWindow[1];
            FxToolkit.setupStage(stage -> {
                window[0] = WorkbenchWindow.show(stage, kernel, executor, dir.resolve("memory-demo"), false);
                stage.setWidth(1400);
                stage.setHeight(880);
            });
            MainView view = window[0].view();

            Platform.runLater(() -> {
                view.showTab("Memory");
                view.memoryModel().search("tally OR outcome:FAILED");
            });
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<io.batos.memory.Hit> results =
                    (javafx.scene.control.TableView<io.batos.memory.Hit>) view.lookup("#memoryResults");
            waitUntil(() -> !results.getItems().isEmpty() && view.memoryModel().reportProperty().get() != null);
            Platform.runLater(() -> results.getItems().stream()
                    .filter(hit -> hit.cycleId().equals(RememberedCycles.TALLY)).findFirst()
                    .ifPresent(hit -> results.getSelectionModel().select(hit)));
            waitUntil(() -> view.memoryModel().documentProperty().get() != null);
            shoot(window[0], out.resolve("memory.png"));

            Platform.runLater(() -> view.showTab("Datasets"));
            waitUntil(() -> view.datasetsModel().examples().size() >= 3);
            Platform.runLater(() -> {
                view.datasetsModel().selectExample(1);
                view.datasetsModel().accept();
            });
            waitUntil(() -> view.datasetsModel().examples().get(0).status()
                    == io.batos.memory.flywheel.ReviewStatus.ACCEPTED);
            Platform.runLater(() -> view.datasetsModel().selectExample(2));
            waitUntil(() -> view.datasetsModel().selectedExampleProperty().get().number() == 2);
            shoot(window[0], out.resolve("datasets.png"));
            FxToolkit.cleanupStages();
        } finally {
            System.clearProperty("batos.config.dir");
        }
    }
}
