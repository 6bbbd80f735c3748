package io.batos.metacognition;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records for the tests: an event's fields as the Orchestrator publishes them, and small records. */
final class AuditRecords {
    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private AuditRecords() {
    }

    /** The fields of a VALIDATION_FAILURE event, extras included, as {@code Orchestrator.publish} builds them. */
    static Map<String, Object> validationFailureEvent() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("timestamp", "2026-11-26T09:30:00.123456Z");
        f.put("cycle_id", "a1b2c3d4e5f6");
        f.put("transaction_id", null);
        f.put("mission_brief_hash", HASH);
        f.put("event_type", "VALIDATION_FAILURE");
        f.put("current_state", "VALIDATING");
        f.put("transition_to", null);
        f.put("active_persona", "ALFRED");
        f.put("llm_prompt", null);
        f.put("llm_response_raw", null);
        f.put("artifact_oid", 42L);
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("rule", "covenant");
        finding.put("severity", "error");
        finding.put("message", "a path that changes state does not end in self.markChanged()");
        finding.put("line", 3L);
        finding.put("column", 5L);
        f.put("validation_result", List.of(finding));
        f.put("final_outcome", null);
        f.put("mission_type", "method");
        f.put("selector", "fibonacci");
        f.put("parent_cycle", "0123456789ab");
        f.put("note", "an extra for live views");
        return f;
    }

    /** A small STATE_TRANSITION record whose cycle id and transaction id identify it in a test. */
    static AuditRecord numbered(String cycleId, long n) {
        return new AuditRecord(Instant.parse("2026-11-26T09:30:00Z"), cycleId, n, HASH, "STATE_TRANSITION", "IDLE",
                "DECOMPOSING", "BRICK", null, null, 7L, null, null, "method", "fibonacci");
    }
}
