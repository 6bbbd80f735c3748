package io.batos.workbench;

import static io.batos.workbench.WindowFixture.offFx;
import static io.batos.workbench.WindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.ObjectDescription;
import io.batos.workbench.inspector.ObjectView;
import io.batos.workbench.inspector.InspectorViewModel;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeTableCell;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The whole main window on a real image, headless (Monocle), driven by a robot: every action goes
 * through the {@link FxTaskExecutor} while the kernel's guard forbids the FX thread — so each
 * passing test also proves its view never calls the kernel on the FX thread.
 */
class WorkbenchFxTest {
    long lobby;
    long account;
    @RegisterExtension
    final WindowFixture fx = new WindowFixture().created(true).preparing(image -> {
        lobby = image.kernel().lobby();
        account = image.kernel().cloneInto(lobby, "account");
        image.kernel().setJson(account, "balance", "100");
    });
    final FxRobot robot = fx.robot();

    private <T extends Node> T node(Class<T> type, String text) {
        return robot.lookup((Node n) -> type.isInstance(n) && n.isVisible() && text.equals(textOf(n))).query();
    }

    private static String textOf(Node node) {
        if (node instanceof javafx.scene.control.Labeled labeled) {
            return labeled.getText();
        }
        return null;
    }

    private boolean exists(Class<? extends Node> type, String text) {
        return robot.lookup((Node n) -> type.isInstance(n) && n.isVisible() && text.equals(textOf(n))).tryQuery()
                .isPresent();
    }

    @Test
    void aNewImageOpensOnTheWelcomePaneAndTheTitleShowsTheLastTransaction() throws Exception {
        TabPane tabs = fx.window().view().tabs();
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Welcome");
        long last = fx.image().vessel().image().lastTx();
        waitUntil(() -> fx.window().stage().getTitle()
                .equals("BAT OS Workbench — " + fx.image().dir() + " — tx " + last));
    }

    @Test
    void browseFromTheLobbyToAnObjectAndEditADataSlot() throws Exception {
        robot.interact(() -> fx.window().view().showTab("Browser"));
        String accountLabel = "account  @" + account;
        waitUntil(() -> exists(TreeCell.class, accountLabel));
        robot.clickOn(node(TreeCell.class, accountLabel));
        waitUntil(() -> exists(ListCell.class, "balance"));
        robot.clickOn(node(ListCell.class, "balance"));
        robot.clickOn("#browserValue");
        robot.push(KeyCode.CONTROL, KeyCode.A).write("250");
        robot.clickOn("#browserApply");
        waitUntil(() -> Long.valueOf(250).equals(offFx(() -> fx.kernel().get(account, "balance"))));
        waitUntil(() -> robot.lookup("#browserMessage").queryAs(Label.class).getText().startsWith("saved"));
        // The title follows the commit.
        long last = offFx(() -> fx.image().vessel().image().lastTx());
        waitUntil(() -> fx.window().stage().getTitle().endsWith("tx " + last));
    }

    @Test
    void anInspectorEditWithAMalformedValueIsRefusedAndWritesNothing() throws Exception {
        robot.clickOn("#inspectorTarget").push(KeyCode.CONTROL, KeyCode.A).write("lobby.account").push(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#inspectorTitle").queryAs(Label.class).getText().equals("@" + account));
        waitUntil(() -> exists(TreeTableCell.class, "100"));
        byte[] before = fx.image().log();
        robot.doubleClickOn(node(TreeTableCell.class, "100"));
        robot.push(KeyCode.CONTROL, KeyCode.A).write("{oops").push(KeyCode.ENTER);
        waitUntil(() -> !robot.lookup("#inspectorMessage").queryAs(Label.class).getText().isBlank());
        assertThat(robot.lookup("#statusNotification").queryAs(Label.class).getText()).isNotBlank();
        assertThat(fx.image().log()).isEqualTo(before);
        assertThat(offFx(() -> fx.kernel().get(account, "balance"))).isEqualTo(100L);
        waitUntil(() -> exists(TreeTableCell.class, "100"));
    }

    @Test
    void workspaceDoItPrintItAndInspectIt() throws Exception {
        robot.interact(() -> fx.window().view().showTab("Workspace"));
        TextArea code = robot.lookup("#workspaceCode").queryAs(TextArea.class);
        robot.clickOn(code).write("3 + 4");
        robot.push(KeyCode.CONTROL, KeyCode.P);
        waitUntil(() -> code.getText().equals("3 + 4 → 7"));

        robot.interact(() -> code.setText("6 * 7"));
        robot.interact(() -> code.positionCaret(2));
        robot.push(KeyCode.CONTROL, KeyCode.D);
        waitUntil(() -> robot.lookup("#workspaceResult").queryAs(Label.class).getText().equals("42"));

        robot.interact(() -> {
            fx.window().view().workspaceModel().targetProperty().set("lobby.account");
            code.setText("self");
            code.positionCaret(4);
        });
        robot.push(KeyCode.CONTROL, KeyCode.I);
        waitUntil(() -> robot.lookup("#inspectorTitle").queryAs(Label.class).getText().equals("@" + account));

        robot.interact(() -> code.setText("self.send(\"frobnicate\")"));
        robot.clickOn("#workspaceDoIt");
        waitUntil(() -> robot.lookup("#workspaceResult").queryAs(Label.class).getText().contains("frobnicate"));
    }

    @Test
    void aViewThatThrowsShowsAnErrorPaneNotABrokenWindow() throws Exception {
        fx.window().view().inspectorModel().views().register(new ObjectView() {
            @Override
            public String title() {
                return "Broken";
            }

            @Override
            public int priority() {
                return -1;
            }

            @Override
            public boolean appliesTo(ObjectDescription object) {
                return true;
            }

            @Override
            public Node create(ObjectDescription object, InspectorViewModel model) {
                throw new IllegalStateException("boom: this view is broken");
            }
        });
        robot.interact(() -> fx.window().view().inspectorModel().inspect(account));
        waitUntil(() -> robot.lookup("#inspectorViewErrorMessage").tryQuery().isPresent());
        assertThat(robot.lookup("#inspectorViewErrorMessage").queryAs(Label.class).getText())
                .isEqualTo("boom: this view is broken");
        TabPane views = robot.lookup("#inspectorViews").queryAs(TabPane.class);
        assertThat(views.getTabs()).extracting(t -> t.getText()).containsExactly("Broken", "Slots");
        robot.interact(() -> views.getSelectionModel().select(1));
        waitUntil(() -> exists(TreeTableCell.class, "100"));
    }

    @Test
    void windowSizeAndTabsAreRestoredOnRestart() throws Exception {
        robot.interact(() -> {
            fx.window().stage().setWidth(910);
            fx.window().stage().setHeight(640);
            fx.window().view().showTab("Workspace");
            fx.window().view().tabs().getTabs().removeIf(t -> t.getText().equals("History"));
        });
        robot.interact(() -> fx.window().saveState());
        assertThat(Files.readString(fx.config().resolve("workbench.json"))).contains("910");
        FxToolkit.cleanupStages();
        FxToolkit.setupStage(stage -> {
            stage.setWidth(300);
            stage.setHeight(300);
        });
        fx.show();
        assertThat(fx.window().stage().getWidth()).isEqualTo(910);
        assertThat(fx.window().stage().getHeight()).isEqualTo(640);
        assertThat(fx.window().view().tabs().getTabs()).extracting(t -> t.getText()).doesNotContain("History")
                .contains("Browser", "Workspace");
    }

    @Test
    void theKernelGuardRefusesTheFxThreadWhileTheViewsKeepWorking() throws Exception {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        robot.interact(() -> {
            try {
                fx.kernel().lobby();
            } catch (Throwable t) {
                refused.set(t);
            }
        });
        assertThat(refused.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not wait on the image");
        // The views' own actions go through the executor and succeed.
        robot.interact(() -> fx.window().view().showTab("Workspace"));
        robot.interact(() -> fx.window().view().workspaceModel().doIt("1 + 1"));
        waitUntil(() -> robot.lookup("#workspaceResult").queryAs(Label.class).getText().equals("2"));
        robot.interact(() -> fx.window().view().inspectorModel().inspect("lobby.account"));
        waitUntil(() -> robot.lookup("#inspectorTitle").queryAs(Label.class).getText().equals("@" + account));
    }

    @Test
    void clickingDetailsOnAnErrorShowsTheFullText() throws Exception {
        assertThat(robot.lookup("#statusDetails").queryAs(javafx.scene.control.Hyperlink.class).isVisible()).isFalse();
        robot.interact(() -> fx.window().view().inspectorModel().inspect("lobby.nosuchslot"));
        waitUntil(() -> robot.lookup("#statusDetails").queryAs(javafx.scene.control.Hyperlink.class).isVisible());
        String shortText = robot.lookup("#statusNotification").queryAs(Label.class).getText();
        assertThat(shortText).isNotBlank().doesNotContain("\n");
        robot.clickOn("#statusDetails");
        waitUntil(() -> robot.lookup("#statusDetailsText").tryQuery().isPresent());
        String details = robot.lookup("#statusDetailsText").queryAs(TextArea.class).getText();
        assertThat(details).contains(shortText).containsPattern("[a-z]+\\.[A-Za-z.]*Exception");
        robot.interact(() -> robot.lookup("#statusDetailsText").queryAs(TextArea.class).getScene().getWindow().hide());
    }

    @Test
    void theBrowserShowsTheSelectedObjectsParentsGraph() throws Exception {
        robot.interact(() -> fx.window().view().showTab("Browser"));
        robot.interact(() -> fx.window().view().browserModel().selectObject(account));
        robot.clickOn("Parents graph");
        waitUntil(() -> exists(Label.class, "account @" + account) || exists(Label.class, "@" + account));
        waitUntil(() -> exists(Label.class, "lobby @" + lobby));
        assertThat(exists(Label.class, "1")).isTrue();
    }
}
