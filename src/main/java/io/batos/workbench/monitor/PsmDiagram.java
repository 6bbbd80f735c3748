package io.batos.workbench.monitor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Prototypal State Machine drawn as boxes and arrows — IDLE → DECOMPOSING → DELEGATING →
 * SYNTHESIZING → VALIDATING → APPROVAL → COMPLETE, and FAILED, which any state may reach — with
 * the selected cycle's active state filled and the states it passed outlined.
 *
 * <p>A plain node that knows nothing of cycles: {@link #show} takes the state (in the words of
 * {@link MonitorViewModel#STATES}) and the path so far. Each box is a {@link Label} with id
 * {@code psmState<NAME>} and style class {@code psm-state}, plus {@code psm-active} or
 * {@code psm-visited}, so a stylesheet (or a test) can find it.
 */
public final class PsmDiagram extends VBox {
    private static final String BOX = "-fx-padding: 4 8 4 8; -fx-border-radius: 4; -fx-background-radius: 4;"
            + " -fx-border-width: 1.5; -fx-font-size: 11px;";
    private static final String IDLE_STYLE = BOX + "-fx-border-color: #9a9a9a; -fx-text-fill: #707070;";
    private static final String VISITED_STYLE = BOX + "-fx-border-color: #3b6fb6; -fx-text-fill: #3b6fb6;";
    private static final String ACTIVE_STYLE = BOX + "-fx-border-color: #1f4f99; -fx-background-color: #3b6fb6;"
            + " -fx-text-fill: white; -fx-font-weight: bold;";
    private static final String FAILED_ACTIVE_STYLE = BOX + "-fx-border-color: #8f1d1d; -fx-background-color: #c0392b;"
            + " -fx-text-fill: white; -fx-font-weight: bold;";
    private static final String COMPLETE_ACTIVE_STYLE = BOX + "-fx-border-color: #1d6b2f; -fx-background-color: #2e8b47;"
            + " -fx-text-fill: white; -fx-font-weight: bold;";

    private final Map<String, Label> boxes = new LinkedHashMap<>();
    private String active = "";

    public PsmDiagram() {
        setId("monitorDiagram");
        setSpacing(6);
        setPadding(new Insets(8));
        HBox path = new HBox(4);
        path.setAlignment(Pos.CENTER_LEFT);
        List<String> main = MonitorViewModel.STATES.subList(0, MonitorViewModel.STATES.indexOf("FAILED"));
        for (String state : main) {
            if (!path.getChildren().isEmpty()) {
                path.getChildren().add(new Label("→"));
            }
            path.getChildren().add(box(state));
        }
        HBox failure = new HBox(4, new Label("any state ⟶"), box("FAILED"));
        failure.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(path, failure);
        show("", List.of());
    }

    private Label box(String state) {
        Label box = new Label(state.equals(MonitorViewModel.APPROVAL) ? "AWAITING APPROVAL" : state);
        box.setId("psmState" + state);
        box.getStyleClass().add("psm-state");
        boxes.put(state, box);
        return box;
    }

    /** Highlights {@code state} (empty: none) and outlines the states of {@code visited}. */
    public void show(String state, Collection<String> visited) {
        active = state == null ? "" : state;
        boxes.forEach((name, box) -> {
            box.getStyleClass().removeAll("psm-active", "psm-visited");
            if (name.equals(active)) {
                box.getStyleClass().add("psm-active");
                box.setStyle(name.equals("FAILED") ? FAILED_ACTIVE_STYLE : name.equals("COMPLETE")
                        ? COMPLETE_ACTIVE_STYLE : ACTIVE_STYLE);
            } else if (visited.contains(name)) {
                box.getStyleClass().add("psm-visited");
                box.setStyle(VISITED_STYLE);
            } else {
                box.setStyle(IDLE_STYLE);
            }
        });
    }

    /** The highlighted state, or empty. */
    public String activeState() {
        return active;
    }
}
