package io.batos.workbench.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.code.Finding;
import io.batos.kernel.CycleInfo;
import io.batos.kernel.ObjectDescription;
import io.batos.kernel.SlotDescription;
import io.batos.kernel.ValueJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * A moldable view of a cognitive cycle's object — the {@code CognitiveCycle} the orchestrator makes,
 * with {@code cycleId}, {@code missionBrief}, {@code synthesisState} … — showing what the Slots view
 * shows only as JSON: the cycle's state, its brief, and its findings.
 *
 * <p>The image keeps a cycle's identity, brief and state pointer; its findings and verdict live in
 * the process that ran it (and in the audit log). So the state and findings come from the running
 * process when it knows the cycle ({@link InspectorViewModel#cycle}); for a cycle of an earlier
 * session the state is read from the state object {@code synthesisState} points at, and the view
 * says where the findings went.
 */
public final class CycleView implements ObjectView {
    @Override
    public String title() {
        return "Cycle";
    }

    /** Before Slots: for a cycle this is the view that explains it. */
    @Override
    public int priority() {
        return -5;
    }

    @Override
    public boolean appliesTo(ObjectDescription object) {
        return own(object, "cycleId").isPresent() && own(object, "missionBrief").isPresent();
    }

    @Override
    public Node create(ObjectDescription object, InspectorViewModel model) {
        String cycleId = text(own(object, "cycleId").orElseThrow().json());
        Label heading = new Label("Cognitive cycle " + cycleId);
        heading.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
        Label state = new Label("state: " + own(object, "outcome").map(s -> text(s.json())).orElse("…"));
        state.setId("inspectorCycleState");
        Label brief = new Label(brief(own(object, "missionBrief").orElseThrow().json()));
        brief.setId("inspectorCycleBrief");
        brief.setWrapText(true);
        Label findings = new Label("findings: …");
        findings.setId("inspectorCycleFindings");
        findings.setWrapText(true);
        VBox box = new VBox(8, heading, state, brief, new Label("Findings"), findings);
        box.setId("inspectorCycleView");
        box.setPadding(new Insets(10));

        model.cycle(cycleId, info -> {
            if (info != null) {
                state.setText("state: " + info.state() + (info.awaitingApproval() ? " — awaiting your verdict" : "")
                        + (info.persona() == null ? "" : " (" + info.persona() + ")"));
                findings.setText(findings(info));
                return;
            }
            findings.setText("This session did not run the cycle: its findings are in the audit log"
                    + " and Fractal Memory (search cycle_id:" + cycleId + ").");
            own(object, "synthesisState").filter(s -> s.ref() > 0).ifPresent(s -> model.expand(s.ref(), rows -> {
                for (OutlineRow row : rows) {
                    if (row.name().equals("name")) {
                        state.setText("state: " + text(row.value()));
                    }
                }
            }));
        });
        return box;
    }

    /** The findings as lines: the verdict's with severities, then the earlier attempts' and notes. */
    static String findings(CycleInfo info) {
        List<String> lines = new ArrayList<>();
        if (info.verdict() != null) {
            for (Finding f : info.verdict().findings()) {
                lines.add(f.severity().word() + " [" + f.rule() + "] " + f.message());
            }
        }
        lines.addAll(info.findings());
        return lines.isEmpty() ? "none" : String.join("\n", lines);
    }

    /** The brief's fields as {@code name: value} lines, in the brief's order. */
    static String brief(String json) {
        try {
            JsonNode node = ValueJson.MAPPER.readTree(json);
            List<String> lines = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                lines.add(field.getKey() + ": " + (field.getValue().isTextual() ? field.getValue().asText()
                        : field.getValue().toString()));
            }
            return String.join("\n", lines);
        } catch (Exception e) {
            return json;
        }
    }

    private static Optional<SlotDescription> own(ObjectDescription object, String name) {
        return object.own().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** A JSON string's text; any other JSON as it is. */
    private static String text(String json) {
        try {
            JsonNode node = ValueJson.MAPPER.readTree(json);
            return node.isTextual() ? node.asText() : json;
        } catch (Exception e) {
            return json;
        }
    }
}
