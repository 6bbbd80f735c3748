package io.batos.workbench.monitor;

import io.batos.cognition.psm.PersonaExchange;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The PSM monitor: the cycles of this process in a table (cycle, mission, state, persona, age,
 * outcome) and, for the selected one, the state diagram, and tabs with its timeline, its prompts
 * and raw responses, the model's output as it streams (with tokens/s) and its details; Cancel
 * cycle ends it.
 *
 * <p>All state is the {@link MonitorViewModel}'s; I bind to it and forward clicks. The ages tick
 * once a second while the monitor is on screen. The texts (prompt, raw response, the stream's last
 * {@value #STREAM_VIEW_CHARS} characters, details) are taken up only while their tab is open, ten
 * times a second at most ({@link TabText}).
 */
public final class MonitorView extends BorderPane {
    /** How much of the streamed output the Model output tab shows (the tail). */
    static final int STREAM_VIEW_CHARS = 6_000;
    private final MonitorViewModel model;
    private final TableView<CycleRow> table = new TableView<>(null);
    private final PsmDiagram diagram = new PsmDiagram();

    public MonitorView(MonitorViewModel model) {
        this.model = model;
        setId("monitor");
        table.setId("monitorCycles");
        table.setItems(model.cycles());
        table.setPlaceholder(new Label("No cycle yet: send a message nobody understands (Workspace)."));
        table.getColumns().add(column("Cycle", 110, CycleRow::cycleId));
        table.getColumns().add(column("Mission", 220, CycleRow::mission));
        table.getColumns().add(column("State", 190, CycleRow::stateText));
        table.getColumns().add(column("Persona", 80, row -> row.persona() == null ? "" : row.persona()));
        table.getColumns().add(column("Age", 60, row -> row.age(Instant.now())));
        table.getColumns().add(column("Outcome", 260, CycleRow::outcome));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !row.cycleId().equals(model.selectedCycleProperty().get())) {
                model.select(row.cycleId());
            }
        });
        // The model may select (the workspace opens a cycle here): follow it, and keep the
        // selection when a row is replaced by its newer self.
        model.selectedCycleProperty().addListener((obs, old, id) -> selectRow(id));
        model.cycles().addListener((ListChangeListener<CycleRow>) change -> selectRow(model.selectedCycleProperty().get()));

        Button cancel = new Button("Cancel cycle");
        cancel.setId("monitorCancel");
        cancel.disableProperty().bind(model.cancellableProperty().not());
        cancel.setOnAction(e -> model.cancelSelected());
        Button refresh = new Button("Refresh");
        refresh.setId("monitorRefresh");
        refresh.setOnAction(e -> model.refresh());
        Label status = new Label();
        status.setId("monitorStatus");
        status.textProperty().bind(model.statusProperty());
        Label rate = new Label();
        rate.setId("monitorTokensPerSecond");
        rate.textProperty().bind(model.tokensPerSecondProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, cancel, refresh, status, gap, rate);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));

        model.stateProperty().addListener((obs, old, state) -> diagram.show(state, model.visited()));
        model.visited().addListener((ListChangeListener<String>) change -> diagram.show(model.stateProperty().get(),
                model.visited()));

        BorderPane selected = new BorderPane();
        selected.setTop(diagram);
        selected.setCenter(details());

        SplitPane split = new SplitPane(new BorderPane(table, bar, null, null, null), selected);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        setCenter(split);

        Timeline ages = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            if (model.cycles().stream().anyMatch(CycleRow::inFlight)) {
                table.refresh();
            }
        }));
        ages.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                ages.stop();
            } else {
                ages.play();
            }
        });
    }

    private static TableColumn<CycleRow, String> column(String title, double width,
                                                        java.util.function.Function<CycleRow, String> text) {
        TableColumn<CycleRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }

    private void selectRow(String id) {
        CycleRow current = table.getSelectionModel().getSelectedItem();
        if (id == null || current != null && current.cycleId().equals(id) && model.cycles().contains(current)) {
            return;
        }
        model.cycles().stream().filter(row -> row.cycleId().equals(id)).findFirst().ifPresent(row -> {
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        });
    }

    private TabPane details() {
        ListView<TimelineEntry> timeline = new ListView<>(model.timeline());
        timeline.setId("monitorTimeline");
        timeline.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(TimelineEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : java.time.LocalTime.ofInstant(entry.time(),
                        java.time.ZoneId.systemDefault()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        + "  " + entry.type() + "  " + entry.state()
                        + (entry.persona() == null ? "" : "  [" + entry.persona() + "]")
                        + (entry.detail().isEmpty() ? "" : "  " + entry.detail()));
            }
        });

        ListView<PersonaExchange> asked = new ListView<>(model.exchanges());
        asked.setId("monitorExchanges");
        asked.setPrefWidth(220);
        asked.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(PersonaExchange exchange, boolean empty) {
                super.updateItem(exchange, empty);
                setText(empty || exchange == null ? null : exchange.persona() + " · " + exchange.state()
                        + (exchange.response() == null ? "  (writing…)" : ""));
            }
        });
        TextArea prompt = area("monitorPrompt");
        TextArea response = area("monitorResponse");
        SplitPane texts = new SplitPane(titled("Prompt", prompt), titled("Raw response", response));
        texts.setOrientation(Orientation.VERTICAL);
        SplitPane promptsPane = new SplitPane(asked, texts);
        promptsPane.setDividerPositions(0.25);
        Tab prompts = new Tab("Prompts & responses", promptsPane);
        new TabText(prompt, prompts, () -> {
            PersonaExchange exchange = asked.getSelectionModel().getSelectedItem();
            return exchange == null ? "" : exchange.prompt();
        }, 0, false);
        new TabText(response, prompts, () -> {
            PersonaExchange exchange = asked.getSelectionModel().getSelectedItem();
            return exchange == null || exchange.response() == null ? "" : exchange.response();
        }, 0, false);
        model.exchanges().addListener((ListChangeListener<PersonaExchange>) change -> {
            if (asked.getSelectionModel().isEmpty() && !model.exchanges().isEmpty()) {
                asked.getSelectionModel().selectLast();
            }
        });

        TextArea stream = area("monitorStream");
        Tab output = new Tab("Model output", stream);
        new TabText(stream, output, model.streamProperty()::get, STREAM_VIEW_CHARS, true);

        TextArea details = area("monitorDetails");
        Tab detailsTab = new Tab("Details", details);
        new TabText(details, detailsTab, model.detailsProperty()::get, 0, false);

        TabPane tabs = new TabPane(new Tab("Timeline", timeline), prompts, output, detailsTab);
        tabs.setId("monitorTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private static TextArea area(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }

    private static BorderPane titled(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.setPadding(new Insets(2, 6, 2, 6));
        return new BorderPane(content, label, null, null, null);
    }

    /** The state diagram (for tests and screenshots). */
    public PsmDiagram diagram() {
        return diagram;
    }

    /** The cycle table. */
    public TableView<CycleRow> table() {
        return table;
    }
}
