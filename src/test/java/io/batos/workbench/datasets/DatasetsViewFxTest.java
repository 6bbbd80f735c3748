package io.batos.workbench.datasets;

import static io.batos.workbench.WindowFixture.offFx;
import static io.batos.workbench.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.TxInfo;
import io.batos.memory.flywheel.ChatExample;
import io.batos.memory.flywheel.Dataset;
import io.batos.memory.flywheel.DatasetExample;
import io.batos.memory.flywheel.ReviewStatus;
import io.batos.workbench.RememberedCycles;
import io.batos.workbench.WindowFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Datasets tab of the main window on a real image, headless, driven by a robot with the kernel's
 * guard forbidding the FX thread: reviews and an export through the buttons, and ALFRED's
 * announcement of a new dataset arriving over the event bus.
 */
class DatasetsViewFxTest {
    @RegisterExtension
    final WindowFixture fx = new WindowFixture().onTab("Datasets").shownByTheTest()
            .preparing(image -> RememberedCycles.remember(image.vessel()));
    final FxRobot robot = fx.robot();

    private boolean cellStartingWith(String prefix) {
        return robot.lookup((Node n) -> n instanceof ListCell<?> c && c.getText() != null
                && c.getText().startsWith(prefix)).tryQuery().isPresent();
    }

    private Node cell(String prefix) {
        return robot.lookup((Node n) -> n instanceof ListCell<?> c && c.getText() != null
                && c.getText().startsWith(prefix)).query();
    }

    private String notification() {
        return robot.lookup("#statusNotification").queryAs(Label.class).getText();
    }

    @Test
    void acceptOneEditAnotherAndExportTheAcceptedOnes() throws Exception {
        RememberedCycles.curate(fx.image().vessel());
        fx.show();
        waitUntil(() -> cellStartingWith("#3  pending"));

        robot.clickOn(cell("#1  pending"));
        robot.clickOn("#datasetsAccept");
        waitUntil(() -> cellStartingWith("#1  accepted"));
        assertThat(notification()).startsWith("accepted example 1 of dataset 1 (tx ");

        robot.clickOn(cell("#2  pending"));
        TextArea prompt = robot.lookup("#datasetsPrompt").queryAs(TextArea.class);
        TextArea completion = robot.lookup("#datasetsCompletion").queryAs(TextArea.class);
        Dataset curated = offFx(() -> fx.kernel().dataset("1"));
        ChatExample second = curated.examples().get(1).curated();
        waitUntil(() -> prompt.getText().equals(second.user()) && completion.getText().equals(second.assistant()));
        assertThat(completion.isEditable()).isFalse();
        robot.clickOn("#datasetsEdit");
        waitUntil(completion::isEditable);
        robot.clickOn(completion).push(KeyCode.CONTROL, KeyCode.A).write("return 2L;");
        robot.clickOn("#datasetsSave");
        waitUntil(() -> cellStartingWith("#2  edited"));
        assertThat(completion.isEditable()).isFalse();
        assertThat(completion.getText()).isEqualTo("return 2L;");
        assertThat(notification()).startsWith("edited example 2 of dataset 1 (tx ");

        Path out = fx.dir().resolve("exports/accepted.jsonl");
        fx.window().view().datasets().setExportTarget(owner -> out);
        assertThat(robot.lookup("#datasetsAcceptedOnly").queryAs(CheckBox.class).isSelected()).isTrue();
        robot.clickOn("#datasetsExport");
        waitUntil(() -> notification().startsWith("exported "));
        assertThat(notification()).isEqualTo("exported 2 examples of dataset 1 to " + out + " (1 left out)");
        List<ChatExample> lines = Files.readAllLines(out).stream().map(ChatExample::parse).toList();
        assertThat(lines).containsExactly(curated.examples().get(0).curated(), second.withAssistant("return 2L;"));

        // The image, not the view, holds the reviews: read back through the kernel, and in the history.
        Dataset reviewed = offFx(() -> fx.kernel().dataset("1"));
        assertThat(reviewed.examples()).extracting(DatasetExample::status)
                .containsExactly(ReviewStatus.ACCEPTED, ReviewStatus.EDITED, ReviewStatus.PENDING);
        assertThat(reviewed.examples().get(1).edited().assistant()).isEqualTo("return 2L;");
        List<TxInfo> history = offFx(() -> fx.kernel().history());
        assertThat(history).extracting(TxInfo::note).contains("review dataset 1 example 1: accepted",
                "review dataset 1 example 2: edited");
        assertThat(history.get(history.size() - 1).origin()).isEqualTo("workbench-test");
    }

    @Test
    void alfredsAnnouncementOfANewDatasetIsShownAndTheListRefreshes() throws Exception {
        fx.show();
        javafx.scene.control.MenuBar menus = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class);
        assertThat(menus.getMenus().get(1).getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .contains("Show Memory", "Show Datasets");
        TableView<Dataset> table = robot.lookup("#datasetsTable").queryTableView();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(table.getItems()).isEmpty();

        offFx(() -> {
            RememberedCycles.curate(fx.image().vessel());
            return null;
        });
        waitUntil(() -> notification().equals(
                "A new dataset with 3 examples of successful method generation is ready for review (dataset 1)"));
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).examples()).hasSize(3);
        waitUntil(() -> cellStartingWith("#1  pending"));
    }
}
