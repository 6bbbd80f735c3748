package io.batos.workbench.inspector;

import io.batos.kernel.ObjectDescription;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inspector: a TARGET field, then one tab per {@link ObjectView} that applies to the inspected
 * object (Slots first), and a message line.
 *
 * <p>A view that throws while building shows an error pane in its own tab (id
 * {@code inspectorViewError}) with the message; the other views and the window carry on.
 */
public final class InspectorView extends BorderPane {
    private final InspectorViewModel model;
    private final TabPane views = new TabPane();
    private final Label title = new Label("nothing inspected");

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        setId("inspector");
        views.setId("inspectorViews");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        TextField target = new TextField("lobby");
        target.setId("inspectorTarget");
        target.setPromptText("lobby, a.dotted.path or @OID");
        target.setOnAction(e -> model.inspect(target.getText().trim()));
        // Whatever asked for it (a workspace's Inspect it, the browser), the field names what is shown.
        model.inspectedProperty().addListener((obs, old, now) -> {
            if (now != null && !target.isFocused()) {
                target.setText("@" + now.oid());
            }
        });
        HBox.setHgrow(target, Priority.ALWAYS);
        title.setId("inspectorTitle");
        HBox bar = new HBox(6, new Label("inspect"), target, title);
        bar.setPadding(new Insets(6));
        Label message = new Label();
        message.setId("inspectorMessage");
        message.textProperty().bind(model.messageProperty());
        message.setPadding(new Insets(4, 6, 4, 6));
        setTop(bar);
        setCenter(views);
        setBottom(message);
        model.inspectedProperty().addListener((obs, old, object) -> show(object));
    }

    private void show(ObjectDescription object) {
        String selected = views.getSelectionModel().getSelectedItem() == null ? null
                : views.getSelectionModel().getSelectedItem().getText();
        views.getTabs().clear();
        if (object == null) {
            title.setText("nothing inspected");
            return;
        }
        title.setText("@" + object.oid());
        for (ObjectView view : model.views().applicable(object)) {
            Tab tab = new Tab(view.title(), content(view, object));
            views.getTabs().add(tab);
            if (view.title().equals(selected)) {
                views.getSelectionModel().select(tab);
            }
        }
    }

    private Node content(ObjectView view, ObjectDescription object) {
        try {
            Node node = view.create(object, model);
            if (node == null) {
                throw new IllegalStateException("the view made nothing");
            }
            return node;
        } catch (RuntimeException e) {
            return errorPane(view, e);
        }
    }

    /** What a failed view shows instead of its content. */
    static Node errorPane(ObjectView view, Throwable failure) {
        Label heading = new Label("The view \"" + view.title() + "\" failed");
        heading.setStyle("-fx-font-weight: bold;");
        Label detail = new Label(io.batos.workbench.Notifications.shortMessage(failure));
        detail.setId("inspectorViewErrorMessage");
        detail.setWrapText(true);
        VBox pane = new VBox(8, heading, detail);
        pane.setId("inspectorViewError");
        pane.getStyleClass().add("view-error");
        pane.setPadding(new Insets(12));
        return pane;
    }
}
