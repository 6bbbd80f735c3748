package io.batos.workbench.workspace;

import io.batos.workbench.workspace.WorkspaceViewModel.Span;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The workspace: a receiver field, a code area, Do it (Ctrl+D), Print it (Ctrl+P) and Inspect it
 * (Ctrl+I), and the last answer.
 *
 * <p>Keys are {@link KeyCodeCombination}s handled on the text area (KeyCharacterCombination does
 * not match on Monocle). Print it inserts {@code " → answer"} after the snippet.
 */
public final class WorkspaceView extends BorderPane {
    static final KeyCombination DO_IT = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination PRINT_IT = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination INSPECT_IT = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);

    private final WorkspaceViewModel model;
    private final TextArea code = new TextArea();

    public WorkspaceView(WorkspaceViewModel model) {
        this.model = model;
        setId("workspace");
        TextField target = new TextField();
        target.setId("workspaceTarget");
        target.textProperty().bindBidirectional(model.targetProperty());
        HBox.setHgrow(target, Priority.ALWAYS);
        Button doIt = new Button("Do it");
        doIt.setId("workspaceDoIt");
        doIt.setOnAction(e -> doIt());
        Button printIt = new Button("Print it");
        printIt.setId("workspacePrintIt");
        printIt.setOnAction(e -> printIt());
        Button inspectIt = new Button("Inspect it");
        inspectIt.setId("workspaceInspectIt");
        inspectIt.setOnAction(e -> inspectIt());
        HBox bar = new HBox(6, new Label("self ="), target, doIt, printIt, inspectIt);
        bar.setPadding(new Insets(6));

        code.setId("workspaceCode");
        code.setPromptText("3 + 4   — select or put the caret on a line, then Ctrl+D / Ctrl+P / Ctrl+I");
        code.textProperty().bindBidirectional(model.textProperty());
        code.setStyle("-fx-font-family: monospace;");
        code.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (DO_IT.match(event)) {
                doIt();
                event.consume();
            } else if (PRINT_IT.match(event)) {
                printIt();
                event.consume();
            } else if (INSPECT_IT.match(event)) {
                inspectIt();
                event.consume();
            }
        });
        Label result = new Label();
        result.setId("workspaceResult");
        result.textProperty().bind(model.resultProperty());
        result.setPadding(new Insets(4, 6, 4, 6));
        setTop(bar);
        setCenter(code);
        setBottom(result);
    }

    /** The code area. */
    public TextArea codeArea() {
        return code;
    }

    private Span span() {
        return WorkspaceViewModel.snippetSpan(code.getText(), code.getSelection().getStart(),
                code.getSelection().getEnd(), code.getCaretPosition());
    }

    private String snippet(Span span) {
        return code.getText().substring(span.start(), span.end());
    }

    private void doIt() {
        model.doIt(snippet(span()));
    }

    private void printIt() {
        Span span = span();
        model.printIt(snippet(span), answer -> {
            code.insertText(span.end(), answer);
            code.selectRange(span.end(), span.end() + answer.length());
        });
    }

    private void inspectIt() {
        model.inspectIt(snippet(span()));
    }
}
