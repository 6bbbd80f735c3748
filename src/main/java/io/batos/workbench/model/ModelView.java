package io.batos.workbench.model;

import java.io.File;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Pair;

/**
 * The model status panel: the cognitive core's name (with a clear label when it is the demo core),
 * where it runs and why, how fast it last answered; Import (a directory chooser), Connect (a URL
 * dialog), Demo and Load, each with progress and Cancel; and a prompt to try the core with.
 *
 * <p>All state lives in {@link #viewModel()}; the view renders it and dispatches the buttons. The
 * panel reads the status when it is built and whenever the view model is told of a change.
 */
public final class ModelView extends VBox {
    private final ModelViewModel viewModel;

    public ModelView(ModelViewModel viewModel) {
        this.viewModel = viewModel;
        setId("modelView");
        setSpacing(10);
        setPadding(new Insets(12));

        Label demoBadge = new Label("DEMO CORE — a scripted fixture that answers a few fixed texts,"
                + " not a language model");
        demoBadge.setId("modelDemoLabel");
        demoBadge.setWrapText(true);
        demoBadge.setStyle("-fx-background-color: #fff3c4; -fx-text-fill: #6b4e00; -fx-font-weight: bold;"
                + " -fx-padding: 4 8 4 8; -fx-background-radius: 4;");
        demoBadge.visibleProperty().bind(viewModel.demoProperty());
        demoBadge.managedProperty().bind(demoBadge.visibleProperty());

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        row(facts, 0, "Model", bound("modelName", viewModel.nameProperty()));
        row(facts, 1, "Kind", bound("modelKind", viewModel.kindProperty()));
        row(facts, 2, "Device", bound("modelDevice", viewModel.deviceProperty()));
        Label note = bound("modelDeviceNote", viewModel.deviceNoteProperty());
        note.setStyle("-fx-text-fill: #8a6100;");
        row(facts, 3, "", note);
        row(facts, 4, "Last answer", bound("modelSpeed", viewModel.speedProperty()));

        Button importButton = new Button("Import…");
        importButton.setId("modelImport");
        importButton.setOnAction(e -> chooseDirectory());
        Button connect = new Button("Connect…");
        connect.setId("modelConnect");
        connect.setOnAction(e -> askUrl().ifPresent(p -> viewModel.connect(p.getKey(), p.getValue())));
        Button demo = new Button("Demo");
        demo.setId("modelDemo");
        demo.setOnAction(e -> viewModel.demo());
        Button load = new Button("Load");
        load.setId("modelLoad");
        load.setOnAction(e -> viewModel.load());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        HBox actions = new HBox(8, importButton, connect, demo, load, refresh);

        ProgressBar progress = new ProgressBar();
        progress.setId("modelProgress");
        progress.progressProperty().bind(viewModel.progressProperty());
        Label progressText = bound("modelProgressText", viewModel.progressTextProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("modelCancel");
        cancel.setOnAction(e -> viewModel.cancel());
        HBox working = new HBox(8, progress, cancel, progressText);
        working.setAlignment(Pos.CENTER_LEFT);
        working.visibleProperty().bind(viewModel.busyProperty());
        working.managedProperty().bind(working.visibleProperty());

        TextField prompt = new TextField();
        prompt.setId("modelPrompt");
        prompt.textProperty().bindBidirectional(viewModel.promptProperty());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Button generate = new Button("Try it");
        generate.setId("modelGenerate");
        generate.setOnAction(e -> viewModel.tryIt());
        prompt.setOnAction(e -> viewModel.tryIt());
        HBox tryBar = new HBox(8, new Label("Prompt"), prompt, generate);
        tryBar.setAlignment(Pos.CENTER_LEFT);
        Label answer = bound("modelAnswer", viewModel.answerProperty());
        answer.setWrapText(true);
        answer.setStyle("-fx-font-family: monospace;");

        for (Node action : new Node[] {importButton, connect, demo, load, generate}) {
            action.disableProperty().bind(viewModel.busyProperty());
        }
        Label message = bound("modelMessage", viewModel.messageProperty());
        message.setWrapText(true);

        getChildren().addAll(demoBadge, facts, actions, working, tryBar, answer, message);
        viewModel.refresh();
    }

    /** The view's state and actions. */
    public ModelViewModel viewModel() {
        return viewModel;
    }

    private static Label bound(String id, javafx.beans.value.ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        return label;
    }

    private static void row(GridPane grid, int row, String name, Node value) {
        Label label = new Label(name);
        label.setStyle("-fx-font-weight: bold;");
        grid.add(label, 0, row);
        grid.add(value, 1, row);
    }

    private void chooseDirectory() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Import a model directory (model.onnx, tokenizer.json, configs)");
        if (viewModel.lastDirectoryProperty().get() != null) {
            File parent = viewModel.lastDirectoryProperty().get().toFile().getParentFile();
            if (parent != null && parent.isDirectory()) {
                chooser.setInitialDirectory(parent);
            }
        }
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            viewModel.importModel(dir.toPath());
        }
    }

    /** Asks for a server's URL and, optionally, the model name to ask it for. */
    private Optional<Pair<String, String>> askUrl() {
        Dialog<Pair<String, String>> dialog = new Dialog<>();
        dialog.setTitle("Connect a server");
        dialog.setHeaderText("An OpenAI-compatible server (llama.cpp, vLLM, Ollama). An API key, if it needs one,"
                + "\ncomes from BATOS_API_KEY or ~/.config/batos/api-keys.conf, never from the image.");
        TextField url = new TextField("http://127.0.0.1:8080/v1");
        url.setId("modelConnectUrl");
        TextField model = new TextField();
        model.setId("modelConnectName");
        model.setPromptText("the server's default");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("URL"), url);
        grid.addRow(1, new Label("Model"), model);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK ? new Pair<>(url.getText(), model.getText()) : null);
        if (getScene() != null && getScene().getWindow() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        return dialog.showAndWait();
    }
}
