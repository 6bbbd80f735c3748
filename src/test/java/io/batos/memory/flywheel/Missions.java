package io.batos.memory.flywheel;

import io.batos.memory.AuditLines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic missions for the flywheel's tests, written as the audit log records them: each template
 * is a first attempt and its corrections (ids by {@code CycleLineage}), so a log made of known
 * numbers of each has figures the test can work out by hand.
 */
final class Missions {
    /** The SYNTHESIZING prompt of a mission: what a curated example's user turn must be. */
    static String prompt(String selector) {
        return "Write the method the plan asks for, as a MethodArtifact.\nSelector: " + selector;
    }

    /** ROBIN's raw answer for a mission (the installed source is what curation must use). */
    static String response(String selector, String source) {
        return "Here it is: {\"selector\": \"" + selector + "\", \"source\": " + quote(source)
                + ", \"rationale\": \"because " + selector + "\"}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** How an attempt ends. */
    enum End { COMPLETE, FAILED_VALIDATION, FAILED_PLAN, RUNNING }

    /**
     * One attempt.
     *
     * @param failurePersona the persona active at the failing validation
     * @param rule           the failing rule
     * @param dispatch       whether it hands a correction on
     */
    record Attempt(String id, String type, String selector, End end, String rule, String failurePersona,
                   boolean dispatch, long txId, long receiver, String source) {
    }

    /** The lines of one attempt, starting at {@code t}. */
    static List<String> lines(Attempt a, Instant t) {
        List<String> out = new ArrayList<>();
        out.add(move(a, t, "IDLE", "DECOMPOSING", null));
        if (a.end == End.RUNNING) {
            return out;
        }
        if (a.end == End.FAILED_PLAN) {
            out.add(verdict(a, t.plusMillis(1), "DECOMPOSING", "BRICK", false));
            out.add(move(a, t.plusMillis(2), "DECOMPOSING", "FAILED", "BRICK"));
            out.add(end(a, t.plusMillis(3), "FAILED", "BRICK"));
            return out;
        }
        out.add(move(a, t.plusMillis(1), "DECOMPOSING", "DELEGATING", "BRICK"));
        out.add(move(a, t.plusMillis(2), "DELEGATING", "SYNTHESIZING", "BABS"));
        Map<String, Object> artifact = base(a);
        artifact.put("current_state", "SYNTHESIZING");
        artifact.put("active_persona", "ROBIN");
        artifact.put("llm_prompt", prompt(a.selector));
        artifact.put("llm_response_raw", response(a.selector, a.source == null ? "Object x() { return 1; }" : a.source));
        out.add(AuditLines.event(a.id, "ARTIFACT_GENERATED", t.plusMillis(3), artifact));
        out.add(move(a, t.plusMillis(4), "SYNTHESIZING", "VALIDATING", "ROBIN"));
        boolean ok = a.end == End.COMPLETE;
        String persona = ok ? "ALFRED" : a.failurePersona;
        out.add(verdict(a, t.plusMillis(5), "VALIDATING", persona, ok));
        if (!ok && a.dispatch) {
            Map<String, Object> f = base(a);
            f.put("current_state", "FAILED");
            f.put("active_persona", "ALFRED");
            out.add(AuditLines.event(a.id, "CORRECTION_DISPATCHED", t.plusMillis(6), f));
        }
        out.add(move(a, t.plusMillis(7), "VALIDATING", ok ? "COMPLETE" : "FAILED", persona));
        out.add(end(a, t.plusMillis(8), ok ? "COMPLETE" : "FAILED", "ALFRED"));
        return out;
    }

    private static Map<String, Object> base(Attempt a) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mission_type", a.type);
        f.put("selector", a.selector);
        f.put("mission_brief_hash", "0".repeat(52) + a.id.substring(0, 12));
        f.put("artifact_oid", a.receiver);
        return f;
    }

    private static String move(Attempt a, Instant t, String from, String to, String persona) {
        Map<String, Object> f = base(a);
        f.put("current_state", from);
        f.put("transition_to", to);
        f.put("active_persona", persona);
        return AuditLines.event(a.id, "STATE_TRANSITION", t, f);
    }

    private static String verdict(Attempt a, Instant t, String state, String persona, boolean ok) {
        Map<String, Object> f = base(a);
        f.put("current_state", state);
        f.put("active_persona", persona);
        f.put("validation_result", ok ? List.of() : List.of(AuditLines.finding(a.rule, "error",
                "the " + a.rule + " rule was broken by " + a.selector, 3)));
        return AuditLines.event(a.id, ok ? "VALIDATION_SUCCESS" : "VALIDATION_FAILURE", t, f);
    }

    private static String end(Attempt a, Instant t, String outcome, String persona) {
        Map<String, Object> f = base(a);
        f.put("current_state", outcome);
        f.put("active_persona", persona);
        f.put("final_outcome", outcome);
        if (outcome.equals("COMPLETE")) {
            f.put("transaction_id", a.txId);
        }
        return AuditLines.event(a.id, outcome.equals("COMPLETE") ? "CYCLE_COMPLETE" : "CYCLE_FAILED", t, f);
    }
}
