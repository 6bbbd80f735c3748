package io.batos.workbench.inspector;

import io.batos.kernel.ObjectDescription;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.cell.TextFieldTreeTableCell;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The default inspector view: the object as an expandable outline of its slots (name, value).
 *
 * <p>Rows that reference an object, and the object's parents, expand into that object (described
 * lazily through the model). Data values are edited in place; the model validates through the
 * kernel, and a refused edit snaps back to the stored value.
 */
public final class SlotsView implements ObjectView {
    @Override
    public String title() {
        return "Slots";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean appliesTo(ObjectDescription object) {
        return true;
    }

    @Override
    public Node create(ObjectDescription object, InspectorViewModel model) {
        TreeTableView<OutlineRow> table = new TreeTableView<>();
        table.setId("inspectorOutline");
        table.setEditable(true);
        table.setShowRoot(false);
        TreeTableColumn<OutlineRow, String> name = new TreeTableColumn<>("slot");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().name()));
        name.setPrefWidth(220);
        name.setEditable(false);
        TreeTableColumn<OutlineRow, String> value = new TreeTableColumn<>("value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().value()));
        value.setPrefWidth(420);
        value.setCellFactory(column -> new TextFieldTreeTableCell<>(new javafx.util.converter.DefaultStringConverter()) {
            @Override
            public void startEdit() {
                TreeItem<OutlineRow> item = getTableRow() == null ? null : getTableRow().getTreeItem();
                if (item != null && item.getValue().editable()) {
                    super.startEdit();
                }
            }
        });
        value.setOnEditCommit(event -> {
            TreeItem<OutlineRow> item = event.getRowValue();
            OutlineRow row = item.getValue();
            String json = event.getNewValue();
            model.edit(row.holder(), row.slot(), json, written -> {
                if (!written) {
                    item.setValue(row);
                    table.refresh();
                }
            });
        });
        table.getColumns().setAll(List.of(name, value));
        TreeItem<OutlineRow> root = new TreeItem<>(new OutlineRow("@" + object.oid(), "", -1, null, -1));
        root.getChildren().setAll(InspectorViewModel.rows(object).stream().map(r -> item(r, model)).toList());
        root.setExpanded(true);
        table.setRoot(root);
        return table;
    }

    private static TreeItem<OutlineRow> item(OutlineRow row, InspectorViewModel model) {
        TreeItem<OutlineRow> item = new TreeItem<>(row) {
            private boolean loaded;

            @Override
            public boolean isLeaf() {
                return row.expand() < 0 || (loaded && getChildren().isEmpty());
            }

            {
                expandedProperty().addListener((obs, was, expanded) -> {
                    if (expanded && !loaded && row.expand() >= 0) {
                        loaded = true;
                        model.expand(row.expand(), rows -> getChildren().setAll(
                                rows.stream().map(r -> SlotsView.item(r, model)).toList()));
                    }
                });
            }
        };
        return item;
    }
}
