package io.batos.workbench.memory;

import io.batos.memory.CycleDocument;
import io.batos.memory.Hit;
import io.batos.memory.flywheel.MetacognitionReport;
import io.batos.memory.flywheel.MetacognitionReport.FailurePattern;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * The memory view: a search field over Fractal Memory, its hits, the opened cycle's document, and
 * ALFRED's metacognition report as charts.
 *
 * <p>Why together: the report says where cycles fail ("VALIDATING fails a third of the time, mostly
 * on the covenant"), and the search beside it finds those very cycles ({@code state:VALIDATING AND
 * rule:covenant}) to read what went wrong. Contract: Enter or Search runs the query; a malformed one
 * shows one red line under the field and keeps the hits; selecting a hit opens its cycle; Refresh
 * computes the report again. All state lives in {@link #viewModel()}; the report is computed when
 * the view is first shown ({@link MemoryViewModel#loadReport()}), not when it is built.
 */
public final class MemoryView extends BorderPane {
    /** The query syntax, as the search field's tooltip explains it. */
    static final String SYNTAX = """
            Lucene query syntax over the cycles Fractal Memory remembers:
              fibonacci                      a word anywhere in a cycle's text
              "markChanged forgotten"        a phrase
              outcome:FAILED AND persona:BRICK
              selector:fib*                  a prefix;  rule:covenant OR rule:sandbox
              NOT outcome:COMPLETE           (AND, OR, NOT in capitals; parentheses group)
              date:[2026-01-01 TO 2026-01-31]
            Fields: text (default), prompt, response, finding, note, event_type, persona, state,
            outcome, mission_type, selector, rule, severity, cycle_id, parent_cycle, date, started,
            ended.  *:* finds every cycle.""";

    private final MemoryViewModel viewModel;
    private final TextField queryField = new TextField();
    private final TableView<Hit> results = new TableView<>();
    private final VBox documentBox = new VBox(6);
    private final BarChart<String, Number> stateChart = rateChart("Success rate per state (%)", "memoryStateChart");
    private final BarChart<String, Number> personaChart = rateChart("Success rate per persona (%)",
            "memoryPersonaChart");
    private final BarChart<Number, String> findingsChart;
    private final TableView<FailurePattern> patterns = new TableView<>();
    private final Label totals = new Label();
    private final Label corrections = new Label();

    public MemoryView(MemoryViewModel viewModel) {
        this.viewModel = viewModel;
        setId("memoryView");

        queryField.setId("memoryQuery");
        queryField.setPromptText("Search past cycles, e.g. outcome:FAILED AND persona:BRICK");
        queryField.textProperty().bindBidirectional(viewModel.queryProperty());
        Tooltip syntax = new Tooltip(SYNTAX);
        syntax.setFont(Font.font("monospace", 12));
        syntax.setShowDuration(Duration.minutes(2));
        queryField.setTooltip(syntax);
        queryField.setOnAction(e -> viewModel.search());
        HBox.setHgrow(queryField, Priority.ALWAYS);
        Button search = new Button("Search");
        search.setId("memorySearchButton");
        search.setOnAction(e -> viewModel.search());
        Label found = new Label();
        found.setId("memorySearchStatus");
        found.textProperty().bind(viewModel.searchStatusProperty());
        HBox searchBar = new HBox(6, queryField, search, found);
        searchBar.setAlignment(Pos.CENTER_LEFT);
        Label error = errorLine("memoryError", viewModel.searchErrorProperty());

        results.setId("memoryResults");
        results.setItems(viewModel.hits());
        results.setPlaceholder(new Label("Search for cycles: hover over the field for the query syntax"));
        results.getColumns().add(column("cycle", 150, Hit::cycleId));
        results.getColumns().add(column("outcome", 95, h -> h.outcome() == null ? "running" : h.outcome()));
        results.getColumns().add(column("selector", 110, h -> h.selector() == null ? "" : h.selector()));
        results.getColumns().add(column("score", 60, h -> String.format(Locale.ROOT, "%.3f", h.score())));
        TableColumn<Hit, String> snippet = column("snippet", 420, Hit::snippet);
        snippet.setCellFactory(c -> new SnippetCell());
        results.getColumns().add(snippet);
        results.getSelectionModel().selectedItemProperty().addListener((obs, old, hit) -> {
            if (hit != null) {
                viewModel.open(hit.cycleId());
            }
        });

        documentBox.setId("memoryDocument");
        documentBox.setPadding(new Insets(6));
        viewModel.documentProperty().addListener((obs, old, doc) -> showDocument(doc));
        viewModel.documentErrorProperty().addListener((obs, old, text) -> {
            if (!text.isEmpty()) {
                showDocument(null);
            }
        });
        showDocument(null);
        ScrollPane documentScroll = new ScrollPane(documentBox);
        documentScroll.setFitToWidth(true);

        SplitPane searchSplit = new SplitPane(results, documentScroll);
        searchSplit.setOrientation(Orientation.VERTICAL);
        searchSplit.setDividerPositions(0.4);
        VBox.setVgrow(searchSplit, Priority.ALWAYS);
        VBox searchSide = new VBox(4, searchBar, error, searchSplit);
        searchSide.setPadding(new Insets(4));

        CategoryAxis rule = new CategoryAxis();
        NumberAxis count = new NumberAxis(0, 1, 1);
        count.setLabel("cycles");
        count.setMinorTickVisible(false);
        findingsChart = new BarChart<>(count, rule);
        findingsChart.setId("memoryFindingsChart");
        findingsChart.setTitle("Top failure findings (cycles failed per rule)");
        findingsChart.setAnimated(false);
        findingsChart.setLegendVisible(false);
        findingsChart.setPrefHeight(200);

        patterns.setId("memoryPatterns");
        patterns.setPlaceholder(new Label("No failures remembered"));
        patterns.setPrefHeight(160);
        patterns.getColumns().add(patternColumn("state", 95, FailurePattern::state));
        patterns.getColumns().add(patternColumn("rule", 85, FailurePattern::rule));
        patterns.getColumns().add(patternColumn("persona", 70, FailurePattern::persona));
        patterns.getColumns().add(patternColumn("cycles", 55, p -> String.valueOf(p.cycles())));
        patterns.getColumns().add(patternColumn("corrected", 70, p -> String.valueOf(p.corrected())));
        patterns.getColumns().add(patternColumn("rescued", 60, p -> String.valueOf(p.rescued())));
        patterns.getColumns().add(patternColumn("rescue rate", 80, p -> MemoryViewModel.percent(p.rescueRate())));

        Button refresh = new Button("Refresh");
        refresh.setId("memoryReportRefresh");
        refresh.setOnAction(e -> viewModel.refreshReport());
        totals.setId("memoryTotals");
        corrections.setId("memoryCorrections");
        corrections.setWrapText(true);
        Label reportTitle = new Label("ALFRED's metacognition report");
        reportTitle.setFont(Font.font(null, FontWeight.BOLD, 13));
        HBox reportBar = new HBox(8, refresh, reportTitle);
        reportBar.setAlignment(Pos.CENTER_LEFT);
        totals.setWrapText(true);
        Label patternsTitle = new Label("Failure patterns (state, rule, persona active) and what correction did");
        VBox reportBox = new VBox(6, reportBar, errorLine("memoryReportError", viewModel.reportErrorProperty()),
                totals, stateChart, personaChart, findingsChart, corrections, patternsTitle, patterns);
        reportBox.setId("memoryReport");
        reportBox.setPadding(new Insets(4));
        ScrollPane reportScroll = new ScrollPane(reportBox);
        reportScroll.setFitToWidth(true);
        viewModel.reportProperty().addListener((obs, old, report) -> showReport(report));

        SplitPane split = new SplitPane(searchSide, reportScroll);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    /** The view's state and actions. */
    public MemoryViewModel viewModel() {
        return viewModel;
    }

    private void showReport(MetacognitionReport report) {
        if (report == null) {
            return;
        }
        totals.setText(MemoryViewModel.totalsLine(report));
        setBars(stateChart, MemoryViewModel.stateRates(report));
        setBars(personaChart, MemoryViewModel.personaRates(report));
        XYChart.Series<Number, String> findings = new XYChart.Series<>();
        findings.setName("cycles");
        // The most frequent rule on top: a horizontal chart draws its first category at the bottom.
        List<MetacognitionReport.FindingCount> top = report.topFailureFindings();
        for (int i = top.size() - 1; i >= 0; i--) {
            findings.getData().add(new XYChart.Data<>(top.get(i).cycles(), top.get(i).rule()));
        }
        findingsChart.getData().setAll(List.of(findings));
        // Whole cycles only: the axis ends at the largest count with at most ten ticks.
        long most = top.stream().mapToLong(MetacognitionReport.FindingCount::cycles).max().orElse(1);
        NumberAxis count = (NumberAxis) findingsChart.getXAxis();
        count.setUpperBound(Math.max(1, most));
        count.setTickUnit(Math.max(1, (most + 9) / 10));
        corrections.setText(MemoryViewModel.correctionsLine(report));
        patterns.getItems().setAll(report.failurePatterns());
    }

    private static void setBars(BarChart<String, Number> chart, Map<String, Double> values) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("success rate");
        values.forEach((name, value) -> series.getData().add(new XYChart.Data<>(name, value)));
        chart.getData().setAll(List.of(series));
    }

    private void showDocument(CycleDocument doc) {
        documentBox.getChildren().clear();
        if (doc == null) {
            Label hint = new Label(viewModel.documentErrorProperty().get().isEmpty()
                    ? "Select a hit to read its cycle." : viewModel.documentErrorProperty().get());
            hint.setId("memoryDocumentHint");
            documentBox.getChildren().add(hint);
            return;
        }
        Label title = new Label("cycle " + doc.cycleId() + " — " + (doc.outcome() == null ? "running" : doc.outcome()));
        title.setId("memoryDocumentTitle");
        title.setFont(Font.font(null, FontWeight.BOLD, 13));
        documentBox.getChildren().add(title);
        documentBox.getChildren().add(field("memoryDocumentMission", "mission", missionLine(doc)));
        documentBox.getChildren().add(field("memoryDocumentStates", "states", String.join(" → ", doc.states())));
        documentBox.getChildren().add(field("memoryDocumentPersonas", "personas", String.join(", ", doc.personas())));
        documentBox.getChildren().add(field("memoryDocumentTime", "time", (doc.firstEvent() == null ? "?" : doc.firstEvent())
                + " … " + (doc.lastEvent() == null ? "?" : doc.lastEvent()) + "   (" + doc.eventCount() + " events)"));
        if (!doc.notes().isEmpty()) {
            documentBox.getChildren().add(field("memoryDocumentNotes", "notes", String.join("\n", doc.notes())));
        }

        TableView<Map<String, Object>> findings = new TableView<>();
        findings.setId("memoryDocumentFindings");
        findings.setPlaceholder(new Label("No findings"));
        // Room for the header, every row and a horizontal scroll bar, up to a point.
        findings.setPrefHeight(Math.min(240, 70 + 28 * Math.max(1, doc.findings().size())));
        findings.setMinHeight(Region.USE_PREF_SIZE);
        for (String key : List.of("state", "persona", "rule", "severity", "message", "line")) {
            TableColumn<Map<String, Object>, String> column = new TableColumn<>(key);
            column.setPrefWidth(key.equals("message") ? 320 : 80);
            column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                    cell.getValue().get(key) == null ? "" : String.valueOf(cell.getValue().get(key))));
            findings.getColumns().add(column);
        }
        findings.getItems().setAll(doc.findings());
        documentBox.getChildren().addAll(new Label("Findings"), findings);

        VBox exchanges = new VBox(4);
        exchanges.setId("memoryDocumentExchanges");
        List<Map<String, Object>> all = doc.exchanges();
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> x = all.get(i);
            TextArea prompt = readOnly(String.valueOf(x.getOrDefault("prompt", "")));
            TextArea response = readOnly(x.get("response") == null ? "" : String.valueOf(x.get("response")));
            VBox texts = new VBox(2, new Label("prompt"), prompt, new Label("response"), response);
            TitledPane pane = new TitledPane(x.get("state") + " · " + x.get("persona") + " · " + x.get("event"), texts);
            pane.setExpanded(i == all.size() - 1);
            exchanges.getChildren().add(pane);
        }
        documentBox.getChildren().addAll(new Label("Model exchanges (" + all.size() + ")"), exchanges);
    }

    private static String missionLine(CycleDocument doc) {
        StringBuilder line = new StringBuilder();
        line.append(doc.missionType() == null ? "?" : doc.missionType());
        if (doc.selector() != null) {
            line.append("  ").append(doc.selector());
        }
        if (doc.parentCycle() != null) {
            line.append("   correction ").append(doc.depth() == null ? "" : doc.depth()).append(" of ")
                    .append(doc.parentCycle());
        }
        if (doc.transactionId() != null) {
            line.append("   committed in tx ").append(doc.transactionId());
        }
        return line.toString();
    }

    private static Node field(String id, String name, String value) {
        Label key = new Label(name);
        key.setMinWidth(70);
        key.setStyle("-fx-text-fill: -color-fg-muted;");
        Label text = new Label(value);
        text.setId(id);
        text.setWrapText(true);
        return new HBox(6, key, text);
    }

    private static TextArea readOnly(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(10, Math.max(2, (int) text.lines().count())));
        area.setStyle("-fx-font-family: monospace;");
        return area;
    }

    private static Label errorLine(String id, javafx.beans.value.ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        label.setStyle("-fx-text-fill: -color-danger-fg;");
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static BarChart<String, Number> rateChart(String title, String id) {
        NumberAxis rate = new NumberAxis(0, 100, 20);
        rate.setLabel("%");
        CategoryAxis states = new CategoryAxis();
        // Small enough that every state's name fits under its bar.
        states.setTickLabelFont(Font.font(10));
        BarChart<String, Number> chart = new BarChart<>(states, rate);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setPrefHeight(210);
        return chart;
    }

    private static TableColumn<Hit, String> column(String title, double width, Function<Hit, String> value) {
        TableColumn<Hit, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<FailurePattern, String> patternColumn(String title, double width,
                                                                     Function<FailurePattern, String> value) {
        TableColumn<FailurePattern, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    /**
     * A snippet on one line with its {@code **matching words**} in bold, as search marks them; the
     * whole snippet is the tooltip.
     */
    private static final class SnippetCell extends TableCell<Hit, String> {
        SnippetCell() {
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(widthProperty());
            clip.heightProperty().bind(heightProperty());
            setClip(clip);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            HBox line = new HBox();
            String[] parts = item.replace('\n', ' ').split("\\*\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                Text text = new Text(parts[i]);
                text.setStyle("-fx-fill: -color-fg-default;");
                if (i % 2 == 1) {
                    text.setFont(Font.font(null, FontWeight.BOLD, Font.getDefault().getSize()));
                }
                line.getChildren().add(text);
            }
            setGraphic(line);
            Tooltip full = new Tooltip(item.replace("**", ""));
            full.setWrapText(true);
            full.setMaxWidth(600);
            setTooltip(full);
        }
    }
}
