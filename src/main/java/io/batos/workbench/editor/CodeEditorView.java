package io.batos.workbench.editor;

import io.batos.code.Finding;
import io.batos.kernel.Kernel;
import io.batos.workbench.TaskExecutor;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.event.MouseOverTextEvent;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * The code editor view: a RichTextFX code area with line numbers, undo and a find bar, Java
 * highlighting, live findings as squiggles with hover text, and a findings list below.
 *
 * <p>Why: the architect writes methods here and should see the guardian's, compiler's and sandbox's
 * verdict while typing, not only when accepting. Contract: edits are debounced
 * ({@link #DEBOUNCE}); highlighting and the check then run through the {@link TaskExecutor}, off the FX
 * thread, and only the result for the text still shown is applied. Ctrl+S accepts, Ctrl+F opens the
 * find bar (Enter: next match, Escape: close). All state lives in {@link #viewModel()}.
 */
public final class CodeEditorView extends BorderPane {
    /** How long typing must pause before the editor restyles and re-checks. */
    public static final Duration DEBOUNCE = Duration.ofMillis(300);

    /** The style class of an error squiggle. */
    public static final String ERROR_CLASS = "finding-error";
    /** The style class of a warning squiggle. */
    public static final String WARNING_CLASS = "finding-warning";

    private static final KeyCombination ACCEPT = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final CodeEditorViewModel viewModel;
    private final TaskExecutor executor;
    private final CodeArea area = new CodeArea();
    private final TextField findField = new TextField();
    private final HBox findBar;
    private final ListView<Finding> findingsList = new ListView<>();
    private final Popup hover = new Popup();
    private final Label hoverLabel = new Label();

    private StyleSpans<Collection<String>> syntax;
    private String syntaxText;
    private List<FindingRanges.Range> ranges = List.of();

    public CodeEditorView(Kernel kernel, TaskExecutor executor) {
        this.executor = executor;
        this.viewModel = new CodeEditorViewModel(kernel, executor);
        getStyleClass().add("code-editor");
        URL css = CodeEditorView.class.getResource("/css/editor.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }

        area.setId("code-area");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.textProperty().addListener((obs, old, now) -> {
            if (!now.equals(viewModel.getSource())) {
                viewModel.setSource(now);
            }
        });
        viewModel.sourceProperty().addListener((obs, old, now) -> {
            if (!now.equals(area.getText())) {
                area.replaceText(now);
                area.getUndoManager().forgetHistory();
                area.moveTo(0);
            }
        });
        area.multiPlainChanges().successionEnds(DEBOUNCE).subscribe(changes -> refresh());
        viewModel.findings().addListener((ListChangeListener<Finding>) change -> applyStyles());

        hoverLabel.getStyleClass().add("finding-hover");
        hover.getContent().add(hoverLabel);
        area.setMouseOverTextDelay(Duration.ofMillis(400));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, event -> {
            String text = hoverText(event.getCharacterIndex());
            if (text != null) {
                Point2D at = event.getScreenPosition();
                hoverLabel.setText(text);
                hover.show(area, at.getX(), at.getY() + 12);
            }
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, event -> hover.hide());

        findField.setId("find-field");
        findField.setPromptText("Find");
        findField.setOnAction(event -> findNext());
        Button next = new Button("Next");
        next.setOnAction(event -> findNext());
        Button close = new Button("×");
        close.setOnAction(event -> hideFind());
        HBox.setHgrow(findField, Priority.ALWAYS);
        findBar = new HBox(4, new Label("Find:"), findField, next, close);
        findBar.setPadding(new Insets(2, 4, 2, 4));
        findBar.getStyleClass().add("find-bar");
        hideFind();

        findingsList.setId("findings");
        findingsList.setItems(viewModel.findings());
        findingsList.setPlaceholder(new Label("No findings"));
        findingsList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Finding finding, boolean empty) {
                super.updateItem(finding, empty);
                getStyleClass().removeAll(ERROR_CLASS + "-row", WARNING_CLASS + "-row");
                if (empty || finding == null) {
                    setText(null);
                } else {
                    setText(describe(finding));
                    getStyleClass().add(styleClass(finding) + "-row");
                }
            }
        });
        findingsList.getSelectionModel().selectedItemProperty().addListener((obs, old, finding) -> {
            if (finding != null) {
                goTo(finding);
            }
        });

        Label title = new Label();
        title.getStyleClass().add("editor-title");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> (viewModel.getSelector().isEmpty() ? "(no method)" : viewModel.getSelector())
                        + " — @" + viewModel.getTargetOid() + (viewModel.isDirty() ? "  •" : ""),
                viewModel.selectorProperty(), viewModel.targetOidProperty(), viewModel.dirtyProperty()));
        Button accept = new Button("Accept (Ctrl+S)");
        accept.setId("accept");
        accept.disableProperty().bind(viewModel.busyProperty());
        accept.setOnAction(event -> viewModel.accept());
        HBox toolbar = new HBox(8, title, accept);
        toolbar.setPadding(new Insets(4));
        toolbar.getStyleClass().add("editor-toolbar");
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);

        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox editorBox = new VBox(findBar, scroll);
        SplitPane split = new SplitPane(editorBox, findingsList);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.75);

        Label status = new Label();
        status.setId("editor-status");
        status.textProperty().bind(viewModel.statusProperty());
        status.setPadding(new Insets(2, 4, 2, 4));

        setTop(toolbar);
        setCenter(split);
        setBottom(status);

        addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (ACCEPT.match(event)) {
                viewModel.accept();
                event.consume();
            } else if (FIND.match(event)) {
                showFind();
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE && findBar.isVisible()) {
                hideFind();
                area.requestFocus();
                event.consume();
            }
        });
    }

    /** The view's state and actions. */
    public CodeEditorViewModel viewModel() {
        return viewModel;
    }

    /** The code area (for focus and tests). */
    public CodeArea codeArea() {
        return area;
    }

    /** Loads a method slot (see {@link CodeEditorViewModel#open}). */
    public void open(long oid, String selector, String source) {
        viewModel.open(oid, selector, source);
    }

    private void refresh() {
        String text = area.getText();
        executor.run(() -> JavaHighlighter.compute(text), spans -> {
            if (text.equals(area.getText())) {
                syntax = spans;
                syntaxText = text;
                applyStyles();
            }
        }, failure -> { });
        viewModel.check();
    }

    /** Restyles the text: the latest syntax spans with the findings' squiggles on top. */
    private void applyStyles() {
        String text = area.getText();
        if (text.isEmpty()) {
            ranges = List.of();
            return;
        }
        StyleSpans<Collection<String>> base = text.equals(syntaxText) ? syntax
                : area.getStyleSpans(0, text.length()).mapStyles(CodeEditorView::withoutFindings);
        area.setStyleSpans(0, base);
        ranges = FindingRanges.of(text, new ArrayList<>(viewModel.findings()));
        for (FindingRanges.Range range : ranges) {
            String styleClass = styleClass(range.finding());
            StyleSpans<Collection<String>> spans = area.getStyleSpans(range.start(), range.end())
                    .mapStyles(style -> {
                        List<String> classes = new ArrayList<>(style);
                        classes.add(styleClass);
                        return classes;
                    });
            area.setStyleSpans(range.start(), spans);
        }
    }

    private static Collection<String> withoutFindings(Collection<String> style) {
        List<String> classes = new ArrayList<>(style);
        classes.remove(ERROR_CLASS);
        classes.remove(WARNING_CLASS);
        return classes;
    }

    /** The hover popup's text while it shows, else null (for tests). */
    String shownHover() {
        return hover.isShowing() ? hoverLabel.getText() : null;
    }

    private String hoverText(int index) {
        StringBuilder text = new StringBuilder();
        for (FindingRanges.Range range : ranges) {
            if (range.covers(index)) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(describe(range.finding()));
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    private static String styleClass(Finding finding) {
        return finding.severity() == Finding.Severity.ERROR ? ERROR_CLASS : WARNING_CLASS;
    }

    /** A finding as one line: severity, rule, place, message. */
    static String describe(Finding finding) {
        return finding.severity().word() + " [" + finding.rule() + "] "
                + (finding.line() > 0 ? finding.line() + ":" + finding.column() + " " : "") + finding.message();
    }

    private void goTo(Finding finding) {
        for (FindingRanges.Range range : FindingRanges.of(area.getText(), List.of(finding))) {
            area.selectRange(range.start(), range.end());
            area.requestFollowCaret();
            area.requestFocus();
        }
    }

    private void showFind() {
        findBar.setVisible(true);
        findBar.setManaged(true);
        String selected = area.getSelectedText();
        if (!selected.isEmpty() && !selected.contains("\n")) {
            findField.setText(selected);
        }
        findField.requestFocus();
        findField.selectAll();
    }

    private void hideFind() {
        findBar.setVisible(false);
        findBar.setManaged(false);
    }

    /** Selects the next match of the find text after the selection, wrapping at the end. */
    void findNext() {
        String needle = findField.getText();
        if (needle == null || needle.isEmpty()) {
            return;
        }
        String haystack = area.getText().toLowerCase(Locale.ROOT);
        String lower = needle.toLowerCase(Locale.ROOT);
        int from = area.getSelection().getEnd();
        int at = haystack.indexOf(lower, from);
        if (at < 0) {
            at = haystack.indexOf(lower);
        }
        if (at >= 0) {
            area.selectRange(at, at + needle.length());
            area.requestFollowCaret();
        }
    }
}
