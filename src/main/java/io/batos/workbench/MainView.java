package io.batos.workbench;

import io.batos.kernel.CycleInfo;
import io.batos.kernel.SlotDescription;
import io.batos.workbench.monitor.MonitorView;
import io.batos.workbench.monitor.MonitorViewModel;
import io.batos.workbench.editor.CodeEditorView;
import io.batos.workbench.history.HistoryView;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.batos.kernel.Kernel;
import io.batos.events.Event;
import io.batos.workbench.browser.ObjectBrowserView;
import io.batos.workbench.browser.ObjectBrowserViewModel;
import io.batos.workbench.datasets.DatasetsView;
import io.batos.workbench.datasets.DatasetsViewModel;
import io.batos.workbench.inspector.InspectorView;
import io.batos.workbench.inspector.InspectorViewModel;
import io.batos.workbench.inspector.ObjectViews;
import io.batos.workbench.memory.MemoryView;
import io.batos.workbench.memory.MemoryViewModel;
import io.batos.workbench.model.ModelView;
import io.batos.workbench.model.ModelViewModel;
import io.batos.workbench.verdicts.VerdictQueueView;
import io.batos.workbench.verdicts.VerdictQueueViewModel;
import io.batos.workbench.workspace.WorkspaceView;
import io.batos.workbench.workspace.WorkspaceViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The workbench's main window content: a menu bar, tabs (Welcome, Browser, Workspace, History,
 * Monitor, Verdicts with a badge counting the cycles that wait, Model, Memory, Datasets) beside
 * the inspector, and a status bar — wired to one {@link Kernel} through one {@link TaskExecutor}.
 *
 * <p>I build every view with its ViewModel and connect them (Inspect it opens the inspector); I hold
 * no image state myself. {@link #captureState} and {@link #applyState} turn the layout into a
 * {@link WorkbenchState} and back. <b>Integration point:</b> {@link #historyPane()} is a StackPane
 * waiting for {@code history.HistoryView}.
 */
public final class MainView extends BorderPane {
    static final String WELCOME = "Welcome";
    static final String BROWSER = "Browser";
    static final String WORKSPACE = "Workspace";
    static final String HISTORY = "History";
    static final String MONITOR = "Monitor";
    static final String VERDICTS = "Verdicts";
    static final String MODEL = "Model";
    static final String MEMORY = "Memory";
    static final String DATASETS = "Datasets";

    private final MainViewModel model;
    private final ObjectBrowserViewModel browserModel;
    private final InspectorViewModel inspectorModel;
    private final WorkspaceViewModel workspaceModel;
    private final VerdictQueueViewModel verdictModel;
    private final ModelViewModel modelModel;
    private final ObjectBrowserView browser;
    private final InspectorView inspector;
    private final WorkspaceView workspace;
    private final EventFeed feed;
    private final MonitorViewModel monitorModel;
    private final MemoryViewModel memoryModel;
    private final DatasetsViewModel datasetsModel;
    private final DatasetsView datasets;
    private final StackPane historyPane = new StackPane();
    private final TabPane tabs = new TabPane();
    private final SplitPane split;
    private final Map<String, Tab> allTabs = new LinkedHashMap<>();
    private final CheckMenuItem darkTheme = new CheckMenuItem("Dark theme");

    public MainView(Kernel kernel, TaskExecutor executor, Path image, boolean created) {
        Notifications notifications = new Notifications();
        model = new MainViewModel(kernel, executor, notifications, image);
        browserModel = new ObjectBrowserViewModel(kernel, executor, notifications);
        inspectorModel = new InspectorViewModel(kernel, executor, notifications, ObjectViews.standard());
        workspaceModel = new WorkspaceViewModel(kernel, executor, notifications);
        browser = new ObjectBrowserView(browserModel);
        inspector = new InspectorView(inspectorModel);
        workspace = new WorkspaceView(workspaceModel);
        workspaceModel.setInspector(inspectorModel::inspect);
        verdictModel = new VerdictQueueViewModel(kernel, executor, notifications);
        verdictModel.setInspector(inspectorModel::inspectCycle);
        modelModel = new ModelViewModel(kernel, executor, notifications);
        memoryModel = new MemoryViewModel(kernel, executor, notifications);
        datasetsModel = new DatasetsViewModel(kernel, executor, notifications);
        datasets = new DatasetsView(datasetsModel);
        setId("workbench");

        // Live events reach the views in batches on the FX thread; the monitor watches the cycles.
        feed = EventFeed.onFx(kernel);
        monitorModel = new MonitorViewModel(kernel, executor, notifications);
        feed.on(Kernel.PSM_TOPIC, monitorModel::psm);
        feed.on(Kernel.TOKENS_TOPIC, monitorModel::tokens);
        for (String topic : List.of(Kernel.PSM_TOPIC, Kernel.TX_TOPIC)) {
            feed.on(topic, batch -> batch.forEach(e -> {
                verdictModel.onEvent(e);
                modelModel.onEvent(e);
            }));
        }
        for (String topic : List.of(Kernel.PSM_TOPIC, Kernel.TX_TOPIC, "dataset", "log")) {
            feed.on(topic, batch -> batch.forEach(e -> {
                memoryModel.onEvent(e);
                datasetsModel.onEvent(e);
            }));
        }
        // A cycle's commit moves the title on, as a view's own commit does.
        feed.on(Kernel.PSM_TOPIC, batch -> {
            if (batch.stream().anyMatch(e -> e.type().equals("CYCLE_COMPLETE"))) {
                model.refresh();
            }
        });
        workspaceModel.setCycleOpener(this::openCycle);

        historyPane.setId("historyPane");
        historyPane.getChildren().add(new HistoryView(kernel, executor));
        CodeEditorView editor = new CodeEditorView(kernel, executor);
        editor.setId("methodEditor");
        browser.setMethodEditor(editor);
        // The editor edits the holder's method (as a Smalltalk browser does), whatever object was selected.
        browserModel.methodSourceProperty().addListener((obs, old, source) -> {
            SlotDescription slot = browserModel.selectedSlotProperty().get();
            if (slot != null && slot.kind() == SlotDescription.Kind.METHOD) {
                editor.open(slot.holder(), slot.name(), source);
            }
        });
        editor.viewModel().statusProperty().addListener((obs, old, status) -> {
            if (status.startsWith("installed")) {
                model.refresh();
            }
        });
        tabs.setId("mainTabs");
        addTab(WELCOME, welcome());
        addTab(BROWSER, browser);
        addTab(WORKSPACE, workspace);
        addTab(HISTORY, historyPane);
        addTab(MONITOR, new MonitorView(monitorModel));
        addTab(VERDICTS, new VerdictQueueView(verdictModel));
        allTabs.get(VERDICTS).setGraphic(badge(verdictModel));
        addTab(MODEL, new ModelView(modelModel));
        addTab(MEMORY, new MemoryView(memoryModel));
        addTab(DATASETS, datasets);
        // The report reads everything memory holds: computed when first looked at, not at start-up.
        allTabs.get(MEMORY).selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                memoryModel.loadReport();
            }
        });
        allTabs.get(BROWSER).setClosable(false);
        tabs.getTabs().setAll(allTabs.values());
        if (!created) {
            tabs.getTabs().remove(allTabs.get(WELCOME));
        }
        tabs.getSelectionModel().select(allTabs.get(created ? WELCOME : BROWSER));

        split = new SplitPane(tabs, inspector);
        split.setId("mainSplit");
        setTop(menus());
        setCenter(split);
        setBottom(statusBar());

        model.refresh();
        browserModel.loadRoot();
        inspectorModel.inspect("lobby");
        verdictModel.refresh();
        monitorModel.refresh();
    }

    /** The Verdicts tab's badge: how many cycles await the architect, hidden when none do. */
    private static Node badge(VerdictQueueViewModel verdicts) {
        Label badge = new Label();
        badge.setId("verdictBadge");
        badge.textProperty().bind(verdicts.countProperty().asString());
        badge.visibleProperty().bind(verdicts.countProperty().greaterThan(0));
        badge.setStyle("-fx-background-color: #d1242f; -fx-text-fill: white; -fx-font-size: 0.85em;"
                + " -fx-padding: 0 5 0 5; -fx-background-radius: 8;");
        return badge;
    }

    /** Shows a cycle in the monitor (opening its tab). */
    public void openCycle(String cycleId) {
        showTab(MONITOR);
        monitorModel.select(cycleId);
    }

    /**
     * Asks whether to cancel the cycles in flight and close (a non-blocking dialog); runs
     * {@code cancelAndClose} when the architect says yes, {@code keep} when not.
     */
    public void confirmClose(List<CycleInfo> inFlight, Runnable cancelAndClose, Runnable keep) {
        StringBuilder list = new StringBuilder();
        for (CycleInfo cycle : inFlight) {
            list.append("cycle ").append(cycle.id()).append("  ").append(cycle.summary()).append("  ")
                    .append(cycle.awaitingApproval() ? "awaiting approval" : cycle.state()).append('\n');
        }
        TextArea cycles = new TextArea(list.toString().strip());
        cycles.setId("closeCyclesList");
        cycles.setEditable(false);
        cycles.setPrefRowCount(Math.min(8, inFlight.size() + 1));
        ButtonType close = new ButtonType("Cancel them and close", ButtonBar.ButtonData.OK_DONE);
        ButtonType keepWorking = new ButtonType("Keep working", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", close, keepWorking);
        alert.setTitle("Cycles in flight");
        alert.setHeaderText(inFlight.size() == 1 ? "A cognitive cycle is still thinking."
                : inFlight.size() + " cognitive cycles are still thinking.");
        alert.getDialogPane().setContent(new VBox(8, new Label("Closing cancels them: they end FAILED and write"
                + " nothing."), cycles));
        alert.getDialogPane().setId("closeWithCyclesDialog");
        if (getScene() != null && getScene().getWindow() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.setOnHidden(e -> {
            if (alert.getResult() == close) {
                cancelAndClose.run();
            } else {
                keep.run();
            }
        });
        alert.show();
    }

    /** Stops the live feed (the window is gone). */
    public void close() {
        feed.close();
    }

    private void addTab(String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab" + title);
        allTabs.put(title, tab);
    }

    private Node welcome() {
        Label text = new Label("""
                A new living image. Things to try first:

                1. Browser: select "lobby" and a slot; set a data value as JSON and press Apply.
                2. Workspace: type  3 + 4  and press Ctrl+P (Print it), or  self  and Ctrl+I (Inspect it).
                3. Inspector (right): expand parents and references; double-click a value to edit it.
                4. View menu: switch to the dark theme. The layout is remembered between runs.
                """);
        text.setWrapText(true);
        VBox box = new VBox(text);
        box.setId("welcome");
        box.setPadding(new Insets(20));
        return box;
    }

    private MenuBar menus() {
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> {
            if (getScene() != null && getScene().getWindow() != null) {
                getScene().getWindow().fireEvent(new javafx.stage.WindowEvent(getScene().getWindow(),
                        javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        });
        Menu file = new Menu("File", null, quit);
        darkTheme.setOnAction(e -> applyTheme(darkTheme.isSelected()));
        Menu view = new Menu("View", null, darkTheme);
        for (String title : allTabs.keySet()) {
            MenuItem show = new MenuItem("Show " + title);
            show.setOnAction(e -> showTab(title));
            view.getItems().add(show);
        }
        MenuBar bar = new MenuBar(file, view);
        bar.setId("menuBar");
        return bar;
    }

    private Node statusBar() {
        Label figures = new Label();
        figures.setId("statusFigures");
        figures.textProperty().bind(model.figuresProperty());
        Label notification = new Label();
        notification.setId("statusNotification");
        notification.textProperty().bind(model.notificationProperty());
        Hyperlink details = new Hyperlink("details…");
        details.setId("statusDetails");
        details.visibleProperty().bind(model.detailsProperty().isNotEmpty());
        details.managedProperty().bind(details.visibleProperty());
        details.setOnAction(e -> showDetails());
        notification.setOnMouseClicked(e -> showDetails());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("statusProgress");
        progress.setPrefSize(16, 16);
        progress.setMaxSize(16, 16);
        Button cancel = new Button("Cancel");
        cancel.setId("statusCancel");
        cancel.setOnAction(e -> model.cancel());
        for (Node busy : List.of(progress, cancel)) {
            busy.visibleProperty().bind(model.busyProperty());
            busy.managedProperty().bind(busy.visibleProperty());
        }
        HBox bar = new HBox(12, figures, gap, progress, cancel, notification, details);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setId("statusBar");
        bar.setPadding(new Insets(3, 8, 3, 8));
        return bar;
    }

    /**
     * Shows the full text behind the status bar's message in a dialog (non-blocking); does nothing
     * when the message has no details.
     */
    public void showDetails() {
        String text = model.detailsProperty().get();
        if (text == null || text.isEmpty()) {
            return;
        }
        TextArea area = new TextArea(text);
        area.setId("statusDetailsText");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(12);
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.setTitle("Details");
        alert.setHeaderText(model.notificationProperty().get());
        alert.getDialogPane().setContent(area);
        alert.getDialogPane().setId("statusDetailsDialog");
        alert.setResizable(true);
        if (getScene() != null && getScene().getWindow() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.show();
    }

    /** Opens (or selects) a tab by title. */
    public void showTab(String title) {
        Tab tab = allTabs.get(title);
        if (tab != null) {
            if (!tabs.getTabs().contains(tab)) {
                tabs.getTabs().add(tab);
            }
            tabs.getSelectionModel().select(tab);
        }
    }

    /** Switches between AtlantaFX Primer light and dark. */
    public void applyTheme(boolean dark) {
        darkTheme.setSelected(dark);
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** The layout as it is now, with the given window size. */
    public WorkbenchState captureState(double width, double height) {
        List<String> open = new ArrayList<>();
        tabs.getTabs().forEach(t -> open.add(t.getText()));
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        return new WorkbenchState(width, height, split.getDividerPositions()[0], browser.dividers(), open,
                selected == null ? null : selected.getText(), darkTheme.isSelected());
    }

    /** Restores split positions, open tabs and theme (the window size is the stage's business). */
    public void applyState(WorkbenchState state) {
        split.setDividerPositions(state.mainDivider());
        browser.setDividers(state.browserDividers());
        if (!state.openTabs().isEmpty()) {
            boolean welcomeOpen = tabs.getTabs().contains(allTabs.get(WELCOME));
            List<Tab> open = new ArrayList<>();
            for (String title : state.openTabs()) {
                Tab tab = allTabs.get(title);
                if (tab != null && !open.contains(tab)) {
                    open.add(tab);
                }
            }
            if (!open.contains(allTabs.get(BROWSER))) {
                open.add(0, allTabs.get(BROWSER));
            }
            if (welcomeOpen && !open.contains(allTabs.get(WELCOME))) {
                open.add(0, allTabs.get(WELCOME));
            }
            tabs.getTabs().setAll(open);
        }
        if (state.selectedTab() != null && allTabs.containsKey(state.selectedTab())
                && tabs.getTabs().contains(allTabs.get(state.selectedTab()))
                && !tabs.getTabs().contains(allTabs.get(WELCOME))) {
            tabs.getSelectionModel().select(allTabs.get(state.selectedTab()));
        }
        applyTheme(state.dark());
    }

    public MainViewModel model() {
        return model;
    }

    public ObjectBrowserViewModel browserModel() {
        return browserModel;
    }

    public InspectorViewModel inspectorModel() {
        return inspectorModel;
    }

    public WorkspaceViewModel workspaceModel() {
        return workspaceModel;
    }

    public MonitorViewModel monitorModel() {
        return monitorModel;
    }

    public VerdictQueueViewModel verdictModel() {
        return verdictModel;
    }

    public ModelViewModel modelModel() {
        return modelModel;
    }

    public ObjectBrowserView browser() {
        return browser;
    }

    public InspectorView inspector() {
        return inspector;
    }

    public WorkspaceView workspace() {
        return workspace;
    }

    /** Where the history view goes (integration point for {@code history.HistoryView}). */
    public StackPane historyPane() {
        return historyPane;
    }

    public TabPane tabs() {
        return tabs;
    }

    public MemoryViewModel memoryModel() {
        return memoryModel;
    }

    public DatasetsViewModel datasetsModel() {
        return datasetsModel;
    }

    public DatasetsView datasets() {
        return datasets;
    }
}
