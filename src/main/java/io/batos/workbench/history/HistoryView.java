package io.batos.workbench.history;

import io.batos.image.TxInfo;
import io.batos.kernel.Kernel;
import io.batos.workbench.TaskExecutor;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The history view: the transaction log as a table, the objects and revisions of the selection, a
 * unified diff between revisions, and Undo.
 *
 * <p>Why: the image remembers every change, and the architect should be able to see and take back
 * any of them. Contract: picking one revision diffs it against the one before; picking two diffs
 * them; Undo undoes the selected transaction and shows the refusal reason when it cannot. All state
 * lives in {@link #viewModel()}; the log is loaded when the view is built and on Refresh.
 */
public final class HistoryView extends BorderPane {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final HistoryViewModel viewModel;
    private final TableView<TxInfo> table = new TableView<>();
    private final ListView<Long> objectsList = new ListView<>();
    private final ListView<Long> revisionsList = new ListView<>();
    private final TextArea diffArea = new TextArea();

    public HistoryView(Kernel kernel, TaskExecutor executor) {
        this.viewModel = new HistoryViewModel(kernel, executor);
        getStyleClass().add("history-view");

        table.setId("history-table");
        table.setItems(viewModel.transactions());
        table.setPlaceholder(new Label("No transactions"));
        table.getColumns().add(column("tx", 60, tx -> String.valueOf(tx.txId())));
        table.getColumns().add(column("time", 150, tx -> TIME.format(tx.time())));
        table.getColumns().add(column("note", 260, TxInfo::note));
        table.getColumns().add(column("origin", 90, TxInfo::origin));
        table.getColumns().add(column("objects", 160, tx -> tx.oids().stream().distinct()
                .map(oid -> "@" + oid).collect(Collectors.joining(", "))));
        table.getSelectionModel().selectedItemProperty().addListener(
                (obs, old, tx) -> viewModel.selectedTransactionProperty().set(tx));

        objectsList.setId("history-objects");
        objectsList.setItems(viewModel.objects());
        objectsList.setCellFactory(list -> oidCell("@"));
        objectsList.getSelectionModel().selectedItemProperty().addListener((obs, old, oid) -> {
            if (oid != null && !oid.equals(viewModel.selectedObjectProperty().get())) {
                viewModel.selectedObjectProperty().set(oid);
            }
        });
        viewModel.selectedObjectProperty().addListener((obs, old, oid) -> {
            if (oid != null && !oid.equals(objectsList.getSelectionModel().getSelectedItem())) {
                objectsList.getSelectionModel().select(oid);
            }
        });

        revisionsList.setId("history-revisions");
        revisionsList.setItems(viewModel.revisions());
        revisionsList.setCellFactory(list -> oidCell("tx "));
        revisionsList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        revisionsList.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<Long>) change -> diffSelectedRevisions());

        diffArea.setId("history-diff");
        diffArea.setEditable(false);
        diffArea.getStyleClass().add("diff");
        diffArea.setStyle("-fx-font-family: monospace;");
        diffArea.textProperty().bind(viewModel.diffProperty());

        Button undo = new Button("Undo transaction");
        undo.setId("history-undo");
        undo.disableProperty().bind(viewModel.selectedTransactionProperty().isNull());
        undo.setOnAction(event -> viewModel.undoSelected());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(event -> viewModel.refresh());
        Label status = new Label();
        status.setId("history-status");
        status.textProperty().bind(viewModel.statusProperty());
        HBox toolbar = new HBox(8, refresh, undo, status);
        toolbar.setPadding(new Insets(4));

        VBox objectsBox = titled("Objects", objectsList);
        VBox revisionsBox = titled("Revisions (pick one or two)", revisionsList);
        VBox diffBox = titled("Diff", diffArea);
        SplitPane lower = new SplitPane(objectsBox, revisionsBox, diffBox);
        lower.setDividerPositions(0.15, 0.3);
        SplitPane split = new SplitPane(table, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);

        setTop(toolbar);
        setCenter(split);
        viewModel.refresh();
    }

    /** The view's state and actions. */
    public HistoryViewModel viewModel() {
        return viewModel;
    }

    private void diffSelectedRevisions() {
        List<Long> picked = new ArrayList<>(revisionsList.getSelectionModel().getSelectedItems());
        picked.removeIf(java.util.Objects::isNull);
        if (picked.size() >= 2) {
            viewModel.diff(picked.get(0), picked.get(picked.size() - 1));
        } else if (picked.size() == 1) {
            List<Long> all = viewModel.revisions();
            int index = all.indexOf(picked.get(0));
            long before = index >= 0 && index + 1 < all.size() ? all.get(index + 1) : 0;
            viewModel.diff(before, picked.get(0));
        }
    }

    private static TableColumn<TxInfo, String> column(String title, double width,
                                                      java.util.function.Function<TxInfo, String> value) {
        TableColumn<TxInfo, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static ListCell<Long> oidCell(String prefix) {
        return new ListCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : prefix + item);
            }
        };
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.setPadding(new Insets(2, 4, 2, 4));
        VBox.setVgrow(content, Priority.ALWAYS);
        return new VBox(label, content);
    }
}
