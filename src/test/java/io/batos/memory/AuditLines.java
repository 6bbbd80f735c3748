package io.batos.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic audit log lines in the writer's contract (every field present, null when it does not
 * apply), and whole cycles made of them, for the tests and the benchmark.
 */
public final class AuditLines {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The time the first event of a test log happened. */
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private AuditLines() {
    }

    /** One event line (without newline): every field of the contract, then {@code fields} over them. */
    public static String event(String cycle, String type, Instant time, Map<String, Object> fields) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("timestamp", time.toString());
        f.put("cycle_id", cycle);
        f.put("transaction_id", null);
        f.put("mission_brief_hash", "b" + cycle);
        f.put("event_type", type);
        f.put("current_state", null);
        f.put("transition_to", null);
        f.put("active_persona", null);
        f.put("llm_prompt", null);
        f.put("llm_response_raw", null);
        f.put("artifact_oid", 7L);
        f.put("validation_result", null);
        f.put("final_outcome", null);
        f.put("mission_type", "method");
        f.put("selector", null);
        f.putAll(fields);
        try {
            return JSON.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A transition event. */
    public static String move(String cycle, String selector, Instant time, String from, String to, String persona) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("current_state", from);
        f.put("transition_to", to);
        f.put("active_persona", persona);
        f.put("selector", selector);
        return event(cycle, "STATE_TRANSITION", time, f);
    }

    /** A finding as the writer records it. */
    public static Map<String, Object> finding(String rule, String severity, String message, long line) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("rule", rule);
        f.put("severity", severity);
        f.put("message", message);
        f.put("line", line);
        f.put("column", 3L);
        return f;
    }

    /**
     * A whole cycle: IDLE through DECOMPOSING (BRICK), DELEGATING (BABS), SYNTHESIZING (ROBIN, with
     * an ARTIFACT_GENERATED carrying {@code prompt} and {@code response}) and VALIDATING (ALFRED)
     * to COMPLETE, or to FAILED with {@code findings} when there are any: nine lines.
     */
    public static List<String> cycle(String cycle, String selector, Instant start, String prompt, String response,
                                     List<Map<String, Object>> findings) {
        List<String> lines = new ArrayList<>();
        Instant t = start;
        lines.add(move(cycle, selector, t, "IDLE", "IDLE", null));
        lines.add(move(cycle, selector, t = t.plusMillis(10), "IDLE", "DECOMPOSING", null));
        lines.add(move(cycle, selector, t = t.plusMillis(10), "DECOMPOSING", "DELEGATING", "BRICK"));
        lines.add(move(cycle, selector, t = t.plusMillis(10), "DELEGATING", "SYNTHESIZING", "BABS"));
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("current_state", "SYNTHESIZING");
        artifact.put("active_persona", "ROBIN");
        artifact.put("llm_prompt", prompt);
        artifact.put("llm_response_raw", response);
        artifact.put("selector", selector);
        lines.add(event(cycle, "ARTIFACT_GENERATED", t = t.plusMillis(10), artifact));
        lines.add(move(cycle, selector, t = t.plusMillis(10), "SYNTHESIZING", "VALIDATING", "ROBIN"));
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("current_state", "VALIDATING");
        verdict.put("active_persona", "ALFRED");
        verdict.put("selector", selector);
        verdict.put("validation_result", findings);
        boolean ok = findings.isEmpty();
        lines.add(event(cycle, ok ? "VALIDATION_SUCCESS" : "VALIDATION_FAILURE", t = t.plusMillis(10), verdict));
        String end = ok ? "COMPLETE" : "FAILED";
        lines.add(move(cycle, selector, t = t.plusMillis(10), "VALIDATING", end, "ALFRED"));
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("current_state", end);
        last.put("active_persona", "ALFRED");
        last.put("selector", selector);
        last.put("final_outcome", end);
        if (ok) {
            last.put("transaction_id", 42L);
        }
        lines.add(event(cycle, ok ? "CYCLE_COMPLETE" : "CYCLE_FAILED", t.plusMillis(10), last));
        return lines;
    }

    /** A cycle that BRICK's plan already failed: DECOMPOSING to FAILED, BRICK alone. */
    public static List<String> failedPlan(String cycle, String selector, Instant start, String message) {
        List<String> lines = new ArrayList<>();
        lines.add(move(cycle, selector, start, "IDLE", "DECOMPOSING", null));
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("current_state", "DECOMPOSING");
        verdict.put("active_persona", "BRICK");
        verdict.put("selector", selector);
        verdict.put("validation_result", List.of(finding("plan", "error", message, 0)));
        lines.add(event(cycle, "VALIDATION_FAILURE", start.plusMillis(5), verdict));
        lines.add(move(cycle, selector, start.plusMillis(10), "DECOMPOSING", "FAILED", "BRICK"));
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("current_state", "FAILED");
        last.put("active_persona", "BRICK");
        last.put("selector", selector);
        last.put("final_outcome", "FAILED");
        lines.add(event(cycle, "CYCLE_FAILED", start.plusMillis(20), last));
        return lines;
    }

    /** Appends lines, each with its newline, to a file. */
    public static void append(Path file, List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l).append('\n'));
        appendRaw(file, text.toString());
    }

    /** Appends text exactly as given (to make torn lines). */
    static void appendRaw(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A long prompt (over the inline limit), unique to {@code word}. */
    static String longPrompt(String word) {
        return "You are ROBIN. Write the method " + word + ". " + "Keep the Persistence Covenant. ".repeat(150)
                + " zebracorn" + word;
    }
}
