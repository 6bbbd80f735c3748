package io.batos.memory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of {@code metacognition.jsonl}, read leniently: the fields DESIGN.md §9 names, plus
 * the extensions the state machine adds ({@code parent_cycle}, {@code note}, and a depth when a
 * writer records one).
 *
 * <p>Why lenient: the log is written by another part of the system, possibly an older or newer
 * build, and a field of an unexpected type must cost that field, never the event. Only
 * {@code cycle_id} and {@code event_type} are required; a line without them is not an event.
 *
 * @param validationResult the findings as maps {rule, severity, message, line, column}; a finding
 *                         written as a plain string becomes {@code {message}}
 */
public record AuditEvent(String timestamp, String cycleId, Long transactionId, String missionBriefHash,
                         String eventType, String currentState, String transitionTo, String activePersona,
                         String llmPrompt, String llmResponseRaw, Object artifactOid,
                         List<Map<String, Object>> validationResult, String finalOutcome, String missionType,
                         String selector, String parentCycle, Long depth, String note) {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build());

    /**
     * Parses one line (without its newline); empty when it is not a JSON object naming a
     * {@code cycle_id} and an {@code event_type}.
     */
    public static Optional<AuditEvent> parse(byte[] bytes, int offset, int length) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes, offset, length);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        String cycle = text(node, "cycle_id");
        String type = text(node, "event_type");
        if (cycle == null || cycle.isBlank() || type == null || type.isBlank()) {
            return Optional.empty();
        }
        JsonNode depthNode = node.has("correction_depth") ? node.get("correction_depth") : node.get("depth");
        return Optional.of(new AuditEvent(text(node, "timestamp"), cycle, number(node.get("transaction_id")),
                text(node, "mission_brief_hash"), type, text(node, "current_state"), text(node, "transition_to"),
                text(node, "active_persona"), text(node, "llm_prompt"), text(node, "llm_response_raw"),
                oid(node.get("artifact_oid")), findings(node.get("validation_result")), text(node, "final_outcome"),
                text(node, "mission_type"), text(node, "selector"), text(node, "parent_cycle"), number(depthNode),
                text(node, "note")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static Long number(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.canConvertToLong() && value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** An oid as the log has it: a number, or whatever text the writer chose (kept as text). */
    private static Object oid(JsonNode value) {
        Long n = number(value);
        if (n != null) {
            return n;
        }
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<Map<String, Object>> findings(JsonNode value) {
        if (value == null || !value.isArray()) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode item : value) {
            Map<String, Object> finding = new LinkedHashMap<>();
            if (item.isObject()) {
                finding.put("rule", text(item, "rule"));
                finding.put("severity", text(item, "severity"));
                finding.put("message", text(item, "message"));
                finding.put("line", number(item.get("line")));
                finding.put("column", number(item.get("column")));
            } else {
                finding.put("rule", null);
                finding.put("severity", null);
                finding.put("message", item.isValueNode() ? item.asText() : item.toString());
                finding.put("line", null);
                finding.put("column", null);
            }
            out.add(finding);
        }
        return out;
    }
}
