package io.batos.workbench.verdicts;

import io.batos.code.Finding;
import io.batos.kernel.CycleInfo;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The verdict queue: the cycles awaiting the architect on the left; on the right the selected
 * cycle's mission, its artifact — side by side with the method it would replace, removed lines red
 * and added lines green, or alone when it is new — the guardians' findings with their severities,
 * the trial run's answer, and Approve / Reject (with a note).
 *
 * <p>Why: under the policy {@code always} no thought becomes part of the image until the architect
 * has read it; this is where that happens. All state lives in {@link #viewModel()}; the view only
 * renders it and dispatches the buttons.
 */
public final class VerdictQueueView extends BorderPane {
    /** The style class of a removed line (left side). */
    public static final String REMOVED_CLASS = "diff-removed";
    /** The style class of an added line (right side). */
    public static final String ADDED_CLASS = "diff-added";
    /** The style class of a finding by severity: {@code finding-error}, {@code finding-warning}. */
    public static final String FINDING_CLASS_PREFIX = "finding-";

    private static final String MONO = "-fx-font-family: monospace;";
    private static final String REMOVED_STYLE = MONO + "-fx-background-color: #ffd7d5;";
    private static final String ADDED_STYLE = MONO + "-fx-background-color: #d2f4d3;";

    private final VerdictQueueViewModel viewModel;

    public VerdictQueueView(VerdictQueueViewModel viewModel) {
        this.viewModel = viewModel;
        setId("verdictQueue");

        ListView<CycleInfo> list = new ListView<>(viewModel.waiting());
        list.setId("verdictList");
        list.setPlaceholder(new Label("No cycle awaits your verdict"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CycleInfo cycle, boolean empty) {
                super.updateItem(cycle, empty);
                setText(empty || cycle == null ? null : cycle.summary() + "  ·  cycle " + cycle.id());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, cycle) -> {
            if (cycle != null && !cycle.equals(viewModel.selectedProperty().get())) {
                viewModel.selectedProperty().set(cycle);
            }
        });
        viewModel.selectedProperty().addListener((obs, old, cycle) -> {
            if (cycle != null && !cycle.equals(list.getSelectionModel().getSelectedItem())) {
                list.getSelectionModel().select(cycle);
            }
        });

        Label title = new Label();
        title.setId("verdictTitle");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        Label mission = new Label();
        mission.setId("verdictMission");
        mission.setWrapText(true);
        Label trial = new Label();
        trial.setId("verdictTrial");
        trial.setWrapText(true);
        Label artifactHeading = new Label();
        artifactHeading.setId("verdictArtifactHeading");
        viewModel.selectedProperty().addListener((obs, old, cycle) -> {
            title.setText(cycle == null ? "No cycle selected" : "Teach " + cycle.summary());
            mission.setText(cycle == null ? "" : mission(cycle));
            trial.setText(cycle == null || cycle.trialResult() == null ? "" : "Trial run answered: " + cycle.trialResult());
            artifactHeading.setText(cycle == null ? "" : cycle.replaces()
                    ? "Replaces the method " + (cycle.replacedHolder() == cycle.brief().receiver() ? "of"
                    : "inherited from") + " @" + cycle.replacedHolder() + " (left: now, right: the artifact)"
                    : "A new method");
        });
        title.setText("No cycle selected");

        ListView<LineDiff.Row> diff = new ListView<>(viewModel.diffRows());
        diff.setId("verdictDiff");
        diff.setPlaceholder(new Label("No artifact"));
        diff.setCellFactory(l -> new DiffCell(viewModel));
        diff.setFixedCellSize(22);
        Label stat = new Label();
        stat.setId("verdictDiffStat");
        stat.textProperty().bind(viewModel.diffStatProperty());

        ListView<Finding> findings = new ListView<>(viewModel.findings());
        findings.setId("verdictFindings");
        findings.setPlaceholder(new Label("No findings: the guardians accepted it as it is"));
        findings.setPrefHeight(110);
        findings.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Finding finding, boolean empty) {
                super.updateItem(finding, empty);
                getStyleClass().removeIf(c -> c.startsWith(FINDING_CLASS_PREFIX));
                if (empty || finding == null) {
                    setText(null);
                    setStyle("");
                } else {
                    setText(describe(finding));
                    getStyleClass().add(FINDING_CLASS_PREFIX + finding.severity().word());
                    setStyle(finding.severity() == Finding.Severity.ERROR ? "-fx-text-fill: #b00020;"
                            : "-fx-text-fill: #8a6100;");
                }
            }
        });
        Label earlier = new Label();
        earlier.setId("verdictEarlierFindings");
        earlier.setWrapText(true);
        earlier.textProperty().bind(Bindings.createStringBinding(() -> viewModel.earlierFindings().isEmpty() ? ""
                : "Earlier attempts:\n" + String.join("\n", viewModel.earlierFindings()), viewModel.earlierFindings()));
        earlier.managedProperty().bind(earlier.textProperty().isNotEmpty());

        TextField note = new TextField();
        note.setId("verdictNote");
        note.setPromptText("a note for a rejection (why)");
        note.textProperty().bindBidirectional(viewModel.noteProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        Button approve = new Button("Approve");
        approve.setId("verdictApprove");
        approve.setDefaultButton(false);
        approve.setOnAction(e -> viewModel.approve());
        Button reject = new Button("Reject");
        reject.setId("verdictReject");
        reject.setOnAction(e -> viewModel.reject());
        Button inspect = new Button("Inspect");
        inspect.setId("verdictInspect");
        inspect.setOnAction(e -> viewModel.inspectSelected());
        for (Button b : new Button[] {approve, reject, inspect}) {
            b.disableProperty().bind(viewModel.selectedProperty().isNull().or(viewModel.decidingProperty()));
        }
        HBox decide = new HBox(8, note, reject, approve, inspect);
        decide.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("verdictStatus");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());

        HBox artifactBar = new HBox(12, artifactHeading, stat);
        VBox.setVgrow(diff, Priority.ALWAYS);
        VBox detail = new VBox(6, title, mission, artifactBar, diff, new Label("Findings"), findings, earlier, trial,
                decide, status);
        detail.setPadding(new Insets(8));
        SplitPane split = new SplitPane(list, detail);
        split.setDividerPositions(0.28);
        setCenter(split);
    }

    /** The view's state and actions. */
    public VerdictQueueViewModel viewModel() {
        return viewModel;
    }

    private static String mission(CycleInfo cycle) {
        var brief = cycle.brief();
        String what = brief.isMethod() ? "@" + brief.receiver() + " did not understand '" + brief.selector()
                + "' with " + brief.argumentsJson() : "produce " + brief.description();
        return what + (brief.depth() > 0 ? " — correction " + brief.depth() : "") + "   ·   cycle " + cycle.id()
                + (cycle.parentCycle() == null ? "" : " (corrects " + cycle.parentCycle() + ")");
    }

    /** A finding as one line: severity, rule, place, message. */
    static String describe(Finding finding) {
        return finding.severity().word() + " [" + finding.rule() + "] "
                + (finding.line() > 0 ? finding.line() + ":" + finding.column() + " " : "") + finding.message();
    }

    /** One side-by-side row: the slot now on the left, the artifact on the right (alone for a new method). */
    private static final class DiffCell extends ListCell<LineDiff.Row> {
        private final VerdictQueueViewModel model;
        private final Label left = side();
        private final Label right = side();
        private final HBox box = new HBox(left, right);

        DiffCell(VerdictQueueViewModel model) {
            this.model = model;
            HBox.setHgrow(left, Priority.ALWAYS);
            HBox.setHgrow(right, Priority.ALWAYS);
            box.setFillHeight(true);
        }

        private static Label side() {
            Label label = new Label();
            label.setMaxWidth(Double.MAX_VALUE);
            label.setMinWidth(Region.USE_PREF_SIZE);
            label.setPrefWidth(0);
            label.setPadding(new Insets(0, 4, 0, 4));
            return label;
        }

        @Override
        protected void updateItem(LineDiff.Row row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            setPadding(Insets.EMPTY);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            CycleInfo cycle = model.selectedProperty().get();
            boolean replaces = cycle != null && cycle.replaces();
            fill(left, row.left(), true);
            fill(right, row.right(), false);
            left.setVisible(replaces);
            left.setManaged(replaces);
            if (!replaces) {
                // A new method: just its source, unmarked.
                right.getStyleClass().remove(ADDED_CLASS);
                right.setStyle(MONO);
            }
            setGraphic(box);
        }

        /** Fills one side: its line number in its own text, the line, and red or green when changed. */
        private static void fill(Label label, LineDiff.Line line, boolean before) {
            label.getStyleClass().removeAll(REMOVED_CLASS, ADDED_CLASS);
            if (line == null) {
                label.setText("");
                label.setStyle(MONO);
                return;
            }
            label.setText(String.format("%3d  %s", before ? line.before() : line.after(), line.text()));
            if (line.kind() == LineDiff.Kind.SAME) {
                label.setStyle(MONO);
            } else {
                label.getStyleClass().add(before ? REMOVED_CLASS : ADDED_CLASS);
                label.setStyle(before ? REMOVED_STYLE : ADDED_STYLE);
            }
        }
    }
}
