package io.batos.workbench.datasets;

import io.batos.memory.flywheel.Dataset;
import io.batos.memory.flywheel.DatasetExample;
import io.batos.memory.flywheel.ReviewStatus;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The dataset review: ALFRED's curated datasets, their examples, and for the selected example the
 * prompt and the completion side by side, with Accept, Reject, Edit and Export.
 *
 * <p>Why side by side: reviewing a fine-tuning example is judging whether the answer fits the
 * question, and the system prompt — the same for most examples — stays folded away. Contract:
 * Accept and Reject record a review at once; Edit opens the completion for editing and Save records
 * it as edited (Cancel writes nothing); Export asks for a file and writes the selected dataset
 * (accepted examples only when the box is ticked), its result going to the status bar. All state
 * lives in {@link #viewModel()}; the list is read when the view is built, on Refresh, and when
 * ALFRED announces a new dataset.
 */
public final class DatasetsView extends BorderPane {
    private final DatasetsViewModel viewModel;
    private final TableView<Dataset> table = new TableView<>();
    private final ListView<DatasetExample> exampleList = new ListView<>();
    private Function<Window, Path> exportTarget = DatasetsView::chooseFile;

    public DatasetsView(DatasetsViewModel viewModel) {
        this.viewModel = viewModel;
        setId("datasetsView");

        table.setId("datasetsTable");
        table.setItems(viewModel.datasets());
        table.setPlaceholder(new Label("No datasets yet: ALFRED curates one when a mission type has enough new"
                + " successes"));
        table.getColumns().add(column("id", 40, Dataset::id));
        table.getColumns().add(column("mission", 80, Dataset::missionType));
        table.getColumns().add(column("created", 150, d -> created(d.created())));
        table.getColumns().add(column("size", 60, d -> String.valueOf(d.examples().size())));
        for (ReviewStatus status : ReviewStatus.values()) {
            table.getColumns().add(column(status.word(), 95, d -> String.valueOf(d.count(status))));
        }
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, dataset) -> {
            if (dataset != null && !dataset.equals(viewModel.selectedDatasetProperty().get())) {
                viewModel.selectedDatasetProperty().set(dataset);
            }
        });
        viewModel.selectedDatasetProperty().addListener((obs, old, dataset) -> {
            if (dataset != null && !dataset.equals(table.getSelectionModel().getSelectedItem())) {
                table.getSelectionModel().select(dataset);
            }
        });

        exampleList.setId("datasetsExamples");
        exampleList.setItems(viewModel.examples());
        exampleList.setPlaceholder(new Label("Select a dataset"));
        exampleList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(DatasetExample item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : exampleLine(item));
            }
        });
        exampleList.getSelectionModel().selectedItemProperty().addListener((obs, old, example) -> {
            if (example != null && !example.equals(viewModel.selectedExampleProperty().get())) {
                viewModel.selectedExampleProperty().set(example);
            }
        });
        viewModel.selectedExampleProperty().addListener((obs, old, example) -> {
            if (example != null && !example.equals(exampleList.getSelectionModel().getSelectedItem())) {
                exampleList.getSelectionModel().select(example);
            }
        });

        TextArea system = area("datasetsSystemPrompt");
        system.textProperty().bind(viewModel.systemPromptProperty());
        system.setPrefRowCount(6);
        TitledPane systemPane = new TitledPane("System prompt", system);
        systemPane.setId("datasetsSystemPane");
        systemPane.setExpanded(false);

        TextArea prompt = area("datasetsPrompt");
        prompt.textProperty().bind(viewModel.promptProperty());
        TextArea completion = area("datasetsCompletion");
        viewModel.completionProperty().addListener((obs, old, text) -> {
            if (!viewModel.editingProperty().get()) {
                completion.setText(text);
            }
        });
        completion.setText(viewModel.completionProperty().get());
        // While editing, the area is the draft; otherwise it shows the completion as it stands.
        viewModel.editingProperty().addListener((obs, old, editing) -> {
            completion.setEditable(editing);
            completion.setText(editing ? viewModel.draftProperty().get() : viewModel.completionProperty().get());
            if (editing) {
                completion.requestFocus();
            }
        });
        completion.textProperty().addListener((obs, old, text) -> {
            if (viewModel.editingProperty().get()) {
                viewModel.draftProperty().set(text);
            }
        });
        Label completionTitle = new Label();
        completionTitle.textProperty().bind(javafx.beans.binding.Bindings.when(viewModel.editingProperty())
                .then("Completion (assistant) — editing: Save records it as edited").otherwise("Completion (assistant)"));
        SplitPane sideBySide = new SplitPane(titled("Prompt (user)", prompt), titled(completionTitle, completion));
        sideBySide.setId("datasetsSideBySide");
        VBox.setVgrow(sideBySide, Priority.ALWAYS);

        Label provenance = new Label();
        provenance.setId("datasetsProvenance");
        provenance.textProperty().bind(viewModel.provenanceProperty());
        provenance.setWrapText(true);

        Button accept = button("Accept", "datasetsAccept", viewModel::accept);
        Button reject = button("Reject", "datasetsReject", viewModel::reject);
        Button edit = button("Edit", "datasetsEdit", viewModel::startEdit);
        Button save = button("Save", "datasetsSave", viewModel::saveEdit);
        Button cancel = button("Cancel", "datasetsCancelEdit", viewModel::cancelEdit);
        var noExample = viewModel.selectedExampleProperty().isNull();
        for (Button b : new Button[] {accept, reject, edit}) {
            b.disableProperty().bind(noExample.or(viewModel.editingProperty()));
        }
        for (Button b : new Button[] {save, cancel}) {
            b.visibleProperty().bind(viewModel.editingProperty());
            b.managedProperty().bind(b.visibleProperty());
        }
        HBox reviewBar = new HBox(6, accept, reject, edit, save, cancel, provenance);
        reviewBar.setAlignment(Pos.CENTER_LEFT);
        VBox exampleBox = new VBox(6, reviewBar, systemPane, sideBySide);
        exampleBox.setPadding(new Insets(4));

        Button refresh = button("Refresh", "datasetsRefresh", viewModel::refresh);
        Button export = button("Export…", "datasetsExport", () -> {
            Path file = exportTarget.apply(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                viewModel.export(file);
            }
        });
        export.disableProperty().bind(viewModel.selectedDatasetProperty().isNull());
        CheckBox acceptedOnly = new CheckBox("accepted only");
        acceptedOnly.setId("datasetsAcceptedOnly");
        acceptedOnly.selectedProperty().bindBidirectional(viewModel.acceptedOnlyProperty());
        Label status = new Label();
        status.setId("datasetsStatus");
        status.textProperty().bind(viewModel.statusProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox toolbar = new HBox(8, refresh, export, acceptedOnly, gap, status);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(4));

        SplitPane review = new SplitPane(titled("Examples", exampleList), exampleBox);
        review.setDividerPositions(0.28);
        SplitPane split = new SplitPane(titled("Datasets", table), review);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.22);

        setTop(toolbar);
        setCenter(split);
        viewModel.refresh();
    }

    /** The view's state and actions. */
    public DatasetsViewModel viewModel() {
        return viewModel;
    }

    /**
     * Sets how Export asks for its file (a file chooser by default; null from it means cancelled) —
     * so tests and scripts can export without a native dialog.
     */
    public void setExportTarget(Function<Window, Path> chooser) {
        this.exportTarget = chooser == null ? DatasetsView::chooseFile : chooser;
    }

    private static Path chooseFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export dataset as JSONL");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"));
        chooser.setInitialFileName("dataset.jsonl");
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    }

    /** When a dataset was curated, to the minute ({@code 2026-11-26 14:10}), from its ISO 8601 instant. */
    static String created(String iso) {
        return iso == null ? "" : iso.length() >= 16 ? iso.substring(0, 16).replace('T', ' ') : iso;
    }

    /** One example in the list: number, status, selector and how many cycles it came from. */
    static String exampleLine(DatasetExample e) {
        return "#" + e.number() + "  " + e.status().word() + "  " + (e.selector() == null ? "" : e.selector())
                + "  (" + e.cycles().size() + (e.cycles().size() == 1 ? " cycle)" : " cycles)");
    }

    private static TextArea area(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }

    private static Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        return titled(new Label(title), content);
    }

    private static VBox titled(Label label, javafx.scene.Node content) {
        label.setPadding(new Insets(2, 4, 2, 4));
        VBox.setVgrow(content, Priority.ALWAYS);
        return new VBox(label, content);
    }

    private static TableColumn<Dataset, String> column(String title, double width, Function<Dataset, String> value) {
        TableColumn<Dataset, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
