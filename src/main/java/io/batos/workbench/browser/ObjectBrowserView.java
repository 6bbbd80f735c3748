package io.batos.workbench.browser;

import io.batos.kernel.SlotDescription;
import io.batos.workbench.browser.ObjectBrowserViewModel.EditorMode;
import io.batos.workbench.browser.ObjectBrowserViewModel.GraphEdge;
import io.batos.workbench.browser.ObjectBrowserViewModel.GraphNode;
import io.batos.workbench.browser.ObjectBrowserViewModel.ParentsGraph;
import io.batos.workbench.browser.ObjectBrowserViewModel.ObjectNode;
import io.batos.workbench.browser.ObjectBrowserViewModel.SlotRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Smalltalk-style object browser: objects (a tree from the lobby) | the selected object's slots
 * (grouped parents / data / methods, inherited ones greyed with their holder), with its parents graph
 * in a tab beside them | and below them the editor for the selected slot.
 *
 * <p>I only bind controls to {@link ObjectBrowserViewModel}; I never call the kernel. The editor
 * area is {@link #editorPane()}, a {@link StackPane}: for now a JSON field with Apply for data, a
 * read-only text area for a method's source. <b>Integration point:</b> the RichTextFX code editor
 * ({@code editor.CodeEditorView}) replaces {@link #methodArea()} there.
 */
public final class ObjectBrowserView extends BorderPane {
    private final ObjectBrowserViewModel model;
    private final TreeView<ObjectNode> objects = new TreeView<>();
    private final ListView<SlotRow> slots = new ListView<>();
    private final StackPane editorPane = new StackPane();
    private final TextField valueField = new TextField();
    private final Button apply = new Button("Apply");
    private final TextArea methodArea = new TextArea();
    private Node methodEditor;
    private VBox dataBox;
    private final Label message = new Label();
    private final Pane graphPane = new Pane();
    private final TabPane slotTabs = new TabPane();
    private final SplitPane columns;
    private final SplitPane vertical;

    public ObjectBrowserView(ObjectBrowserViewModel model) {
        this.model = model;
        setId("objectBrowser");
        objects.setId("browserObjects");
        slots.setId("browserSlots");
        valueField.setId("browserValue");
        apply.setId("browserApply");
        methodArea.setId("browserMethodSource");
        message.setId("browserMessage");
        editorPane.setId("browserEditor");

        objects.setShowRoot(true);
        model.rootProperty().addListener((obs, old, node) -> objects.setRoot(node == null ? null : item(node)));
        objects.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) {
                model.selectObject(item.getValue().oid());
            }
        });
        objects.setCellFactory(tree -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(ObjectNode node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : node.label());
            }
        });

        slots.setItems(model.slotRows());
        slots.setCellFactory(list -> new SlotCell());
        slots.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !row.isHeader()) {
                model.selectSlot(row.slot());
            }
        });

        valueField.textProperty().bindBidirectional(model.editTextProperty());
        valueField.setOnAction(e -> model.apply());
        apply.setOnAction(e -> model.apply());
        apply.disableProperty().bind(model.busyProperty());
        HBox.setHgrow(valueField, Priority.ALWAYS);
        HBox dataEditor = new HBox(6, new Label("value (JSON)"), valueField, apply);
        dataEditor.setPadding(new Insets(6));
        dataBox = new VBox(6, dataEditor);
        dataBox.setPadding(new Insets(0, 6, 6, 6));
        message.setPadding(new Insets(2, 6, 2, 6));
        methodArea.setEditable(false);
        methodArea.setWrapText(false);
        methodArea.textProperty().bind(model.methodSourceProperty());
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("browser-message");
        model.editorModeProperty().addListener((obs, old, mode) -> showEditor(mode, dataBox));
        showEditor(model.editorModeProperty().get(), dataBox);

        graphPane.setId("browserParentsGraph");
        model.parentsGraphProperty().addListener((obs, old, graph) -> drawGraph(graph));
        ScrollPane graphScroll = new ScrollPane(graphPane);
        Tab slotsTab = new Tab("Slots", slots);
        slotsTab.setId("browserSlotsTab");
        Tab graphTab = new Tab("Parents graph", graphScroll);
        graphTab.setId("browserGraphTab");
        slotTabs.getTabs().setAll(slotsTab, graphTab);
        slotTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        slotTabs.setId("browserSlotTabs");

        columns = new SplitPane(objects, slotTabs);
        VBox.setVgrow(editorPane, Priority.ALWAYS);
        vertical = new SplitPane(columns, new VBox(editorPane, message));
        vertical.setOrientation(Orientation.VERTICAL);
        setCenter(vertical);
    }

    private void showEditor(EditorMode mode, VBox dataBox) {
        switch (mode) {
            case DATA -> editorPane.getChildren().setAll(dataBox);
            case METHOD -> editorPane.getChildren().setAll(methodEditor != null && selectedIsSource()
                    ? methodEditor : methodArea);
            default -> editorPane.getChildren().clear();
        }
    }

    private boolean selectedIsSource() {
        SlotDescription slot = model.selectedSlotProperty().get();
        return slot != null && slot.kind() == SlotDescription.Kind.METHOD;
    }

    /**
     * Shows {@code editor} instead of the read-only source for method slots (the shell passes the
     * code editor; it is told what to edit through the model's selection).
     */
    public void setMethodEditor(Node editor) {
        this.methodEditor = editor;
        showEditor(model.editorModeProperty().get(), dataBox);
    }

    /** A tree item that asks the model for its children the first time it is expanded. */
    private TreeItem<ObjectNode> item(ObjectNode node) {
        TreeItem<ObjectNode> item = new TreeItem<>(node) {
            private boolean loaded;

            @Override
            public boolean isLeaf() {
                return node.cycle() || (loaded && getChildren().isEmpty());
            }

            {
                expandedProperty().addListener((obs, was, expanded) -> {
                    if (expanded && !loaded) {
                        loaded = true;
                        model.loadChildren(node, this::fill);
                    }
                });
            }

            private void fill(List<ObjectNode> children) {
                getChildren().setAll(children.stream().map(ObjectBrowserView.this::item).toList());
                if (children.isEmpty()) {
                    setExpanded(false);
                }
            }
        };
        if (node.ancestors().isEmpty()) {
            item.setExpanded(true);
        }
        return item;
    }

    private static final double NODE_WIDTH = 150;
    private static final double NODE_HEIGHT = 24;
    private static final double COLUMN = 175;
    private static final double ROW = 70;
    private static final double MARGIN = 20;

    /** Draws the graph: one row per depth, lines with arrowheads from child to parent, numbered by parent order. */
    private void drawGraph(ParentsGraph graph) {
        graphPane.getChildren().clear();
        if (graph == null) {
            return;
        }
        Map<Long, double[]> at = new HashMap<>();
        Map<Integer, Integer> used = new HashMap<>();
        List<Node> boxes = new java.util.ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            int column = used.merge(node.depth(), 1, Integer::sum) - 1;
            double x = MARGIN + column * COLUMN;
            double y = MARGIN + node.depth() * ROW;
            at.put(node.oid(), new double[] {x, y});
            Label box = new Label(node.label());
            box.getStyleClass().add("parents-graph-node");
            box.setStyle("-fx-border-color: -color-border-default, gray; -fx-border-radius: 3; -fx-padding: 2 6 2 6;"
                    + (node.order() == 0 ? " -fx-font-weight: bold;" : ""));
            box.setMinSize(NODE_WIDTH, NODE_HEIGHT);
            box.setPrefSize(NODE_WIDTH, NODE_HEIGHT);
            box.setMaxSize(NODE_WIDTH, NODE_HEIGHT);
            box.relocate(x, y);
            boxes.add(box);
        }
        for (GraphEdge edge : graph.edges()) {
            double[] from = at.get(edge.child());
            double[] to = at.get(edge.parent());
            boolean down = to[1] > from[1];
            double x1 = from[0] + NODE_WIDTH / 2;
            double y1 = down ? from[1] + NODE_HEIGHT : from[1];
            double x2 = to[0] + NODE_WIDTH / 2;
            double y2 = down ? to[1] : to[1] + NODE_HEIGHT;
            if (to[1] == from[1]) {
                y1 = from[1] + NODE_HEIGHT / 2;
                y2 = to[1] + NODE_HEIGHT / 2;
            }
            Line line = new Line(x1, y1, x2, y2);
            line.getStyleClass().add("parents-graph-edge");
            line.setStyle("-fx-stroke: gray;");
            double angle = Math.atan2(y2 - y1, x2 - x1);
            Polygon head = new Polygon(x2, y2,
                    x2 - 8 * Math.cos(angle - 0.4), y2 - 8 * Math.sin(angle - 0.4),
                    x2 - 8 * Math.cos(angle + 0.4), y2 - 8 * Math.sin(angle + 0.4));
            head.setStyle("-fx-fill: gray;");
            Label number = new Label(String.valueOf(edge.index()));
            number.getStyleClass().add("parents-graph-order");
            number.relocate((x1 + x2) / 2 + 4, (y1 + y2) / 2 - 8);
            graphPane.getChildren().addAll(line, head, number);
        }
        graphPane.getChildren().addAll(boxes);
        if (graph.truncated()) {
            Label more = new Label("… more than " + graph.nodes().size() + " objects; the rest are left out");
            more.relocate(MARGIN, MARGIN + (used.size()) * ROW);
            graphPane.getChildren().add(more);
        }
    }

    /** The parents-graph drawing (in the tab next to the slot list). */
    public Pane parentsGraphPane() {
        return graphPane;
    }

    /** The tabs of the middle column: slots, parents graph. */
    public TabPane slotTabs() {
        return slotTabs;
    }

    /** The editor area below the slot list (integration point for the code editor). */
    public StackPane editorPane() {
        return editorPane;
    }

    /** The read-only method source area shown in {@link #editorPane()} for a method slot. */
    public TextArea methodArea() {
        return methodArea;
    }

    /** The object tree. */
    public TreeView<ObjectNode> objectTree() {
        return objects;
    }

    /** Split positions: objects | slots, then columns | editor. */
    public List<Double> dividers() {
        return List.of(columns.getDividerPositions()[0], vertical.getDividerPositions()[0]);
    }

    /** Restores split positions saved by {@link #dividers()}. */
    public void setDividers(List<Double> positions) {
        if (positions.size() >= 2) {
            columns.setDividerPositions(positions.get(0));
            vertical.setDividerPositions(positions.get(1));
        }
    }

    /** A slot row: headers bold, inherited slots greyed. */
    private static final class SlotCell extends ListCell<SlotRow> {
        @Override
        protected void updateItem(SlotRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("slot-header", "slot-inherited");
            setStyle("");
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(row.label());
            if (row.isHeader()) {
                getStyleClass().add("slot-header");
                setStyle("-fx-font-weight: bold;");
            } else if (row.slot().inherited()) {
                getStyleClass().add("slot-inherited");
                setStyle("-fx-opacity: 0.55;");
            }
        }
    }
}
