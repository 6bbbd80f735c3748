package io.batos.workbench.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.LivingImage;
import io.batos.image.TxInfo;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import io.batos.workbench.FxTaskExecutor;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The history view in a headless stage: rows, a diff, and a refused undo with its reason. */
@ExtendWith(ApplicationExtension.class)
class HistoryViewFxTest {
    @TempDir
    static Path root;

    private Vessel vessel;
    private long lobby;
    private long first;
    private long second;
    private FxTaskExecutor executor;

    @Start
    void start(Stage stage) {
        vessel = Vessel.open(root.resolve("image-" + System.nanoTime()), LivingImage.OpenMode.CREATE);
        Kernel kernel = new Kernel(vessel, "workbench");
        lobby = kernel.lobby();
        first = kernel.setJson(lobby, "count", "1");
        second = kernel.setJson(lobby, "count", "2");
        Thread fx = Thread.currentThread();
        kernel.guard().forbid(thread -> thread == fx);
        executor = new FxTaskExecutor();
        stage.setScene(new Scene(new HistoryView(kernel, executor), 900, 600));
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
        vessel.close();
    }

    @Test
    void theTableListsTransactionsAndSelectingOneShowsTheDiff(FxRobot robot) throws Exception {
        TableView<TxInfo> table = robot.lookup("#history-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() >= 2);
        assertThat(table.getItems().get(table.getItems().size() - 1).txId()).isEqualTo(second);

        robot.interact(() -> table.getSelectionModel().select(table.getItems().size() - 1));
        TextArea diff = robot.lookup("#history-diff").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> diff.getText().contains("+count = 2"));
        assertThat(diff.getText()).contains("-count = 1");

        robot.interact(() -> table.getItems().stream().filter(tx -> tx.txId() == first).findFirst()
                .ifPresent(tx -> table.getSelectionModel().select(tx)));
        robot.clickOn("#history-undo");
        Label status = robot.lookup("#history-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("cannot undo tx " + first));
    }
}
