package io.batos.workbench.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.code.Finding;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import io.batos.workbench.FxTaskExecutor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.model.StyleSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The code editor in a headless stage: squiggles appear on the violating line after the debounce,
 * and Ctrl+S installs — with the kernel refusing every call from the FX thread throughout.
 */
@ExtendWith(ApplicationExtension.class)
class CodeEditorViewFxTest {
    @TempDir
    static Path root;

    private Vessel vessel;
    private Kernel kernel;
    private long lobby;
    private FxTaskExecutor executor;
    private CodeEditorView view;

    @Start
    void start(Stage stage) {
        vessel = Vessel.open(root.resolve("image-" + System.nanoTime()), LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "workbench");
        lobby = kernel.lobby();
        kernel.setJson(lobby, "items", "[]");
        Thread fx = Thread.currentThread();
        kernel.guard().forbid(thread -> thread == fx);
        executor = new FxTaskExecutor();
        view = new CodeEditorView(kernel, executor);
        view.viewModel().newMethod(lobby);
        stage.setScene(new Scene(view, 800, 500));
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
        vessel.close();
    }

    private boolean paragraphHas(int paragraph, String styleClass) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            for (StyleSpan<Collection<String>> span : view.codeArea().getStyleSpans(paragraph)) {
                if (span.getStyle().contains(styleClass)) {
                    return true;
                }
            }
            return false;
        }).get();
    }

    private boolean anyParagraphHas(String styleClass) throws Exception {
        int paragraphs = WaitForAsyncUtils.asyncFx(() -> view.codeArea().getParagraphs().size()).get();
        for (int i = 0; i < paragraphs; i++) {
            if (paragraphHas(i, styleClass)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void hoveringASquiggleShowsTheFindingAndLeavingHidesIt(FxRobot robot) throws Exception {
        robot.interact(() -> view.codeArea().replaceText(CodeEditorViewModelTest.FORGETFUL));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> paragraphHas(2, CodeEditorView.ERROR_CLASS));
        int index = WaitForAsyncUtils.asyncFx(() -> {
            int start = view.codeArea().getAbsolutePosition(2, 0);
            var spans = view.codeArea().getStyleSpans(2);
            int offset = 0;
            for (StyleSpan<Collection<String>> span : spans) {
                if (span.getStyle().contains(CodeEditorView.ERROR_CLASS)) {
                    return start + offset;
                }
                offset += span.getLength();
            }
            return -1;
        }).get();
        assertThat(index).isNotNegative();
        robot.interact(() -> view.codeArea().fireEvent(org.fxmisc.richtext.event.MouseOverTextEvent.beginAt(
                new javafx.geometry.Point2D(100, 100), index)));
        assertThat(WaitForAsyncUtils.asyncFx(view::shownHover).get()).contains("covenant");
        robot.interact(() -> view.codeArea().fireEvent(org.fxmisc.richtext.event.MouseOverTextEvent.end()));
        assertThat(WaitForAsyncUtils.asyncFx(view::shownHover).get()).isNull();
    }

    @Test
    void aViolationIsSquiggledOnItsLineAndCtrlSInstallsTheFix(FxRobot robot) throws Exception {
        robot.interact(() -> view.codeArea().replaceText(CodeEditorViewModelTest.FORGETFUL));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> paragraphHas(2, CodeEditorView.ERROR_CLASS)
                && paragraphHas(3, "keyword"));
        assertThat(paragraphHas(0, CodeEditorView.ERROR_CLASS)).as("only the violating line").isFalse();
        assertThat(paragraphHas(0, "paren")).as("highlighted too").isTrue();
        assertThat(view.viewModel().findings()).anyMatch(f -> f.rule().equals("covenant") && f.line() == 3);

        robot.interact(() -> view.codeArea().replaceText(CodeEditorViewModelTest.FAITHFUL));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !anyParagraphHas(CodeEditorView.ERROR_CLASS)
                && view.viewModel().findings().stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR));

        robot.clickOn(view.codeArea());
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> view.viewModel().getStatus().startsWith("installed (tx "));
        assertThat(view.viewModel().isDirty()).isFalse();
        assertThat(kernel.get(lobby, "remember")).isEqualTo(new MethodSource(CodeEditorViewModelTest.FAITHFUL));
    }

    @Test
    void ctrlFFindsTheNextMatch(FxRobot robot) {
        robot.interact(() -> view.codeArea().replaceText(CodeEditorViewModelTest.FAITHFUL));
        robot.clickOn(view.codeArea());
        robot.interact(() -> view.codeArea().moveTo(0));
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("xs").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        int line2 = CodeEditorViewModelTest.FAITHFUL.indexOf("xs");
        assertThat(view.codeArea().getSelectedText()).isEqualTo("xs");
        assertThat(view.codeArea().getSelection().getStart()).isEqualTo(line2);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.codeArea().getSelection().getStart()).isGreaterThan(line2);
    }
}
