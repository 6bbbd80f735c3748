package io.batos.cognition.psm;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.events.Event;
import io.batos.events.EventBus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a cycle publishes on topic {@code psm}: each carries every field of the audit record
 * (DESIGN §9), nulls included, so the audit log, the workbench and ZMQ subscribers read one shape.
 */
final class CycleEvents {
    private final EventBus events;

    CycleEvents(EventBus events) {
        this.events = events;
    }

    /** Publishes an event carrying every field of the audit record (DESIGN §9), nulls included. */
    void publish(CognitiveCycle c, String type, Map<String, Object> extra) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("timestamp", java.time.Instant.now().toString());
        f.put("cycle_id", c.id());
        f.put("transaction_id", null);
        f.put("mission_brief_hash", c.brief().hash());
        f.put("event_type", type);
        f.put("current_state", c.state);
        f.put("transition_to", null);
        f.put("active_persona", c.persona);
        f.put("llm_prompt", null);
        f.put("llm_response_raw", null);
        f.put("artifact_oid", c.brief().isMethod() ? c.brief().receiver() : null);
        f.put("validation_result", null);
        f.put("final_outcome", null);
        f.put("mission_type", c.brief().type());
        f.put("selector", c.brief().selector());
        f.put("parent_cycle", c.parent() == null ? null : c.parent().id());
        f.putAll(extra);
        events.publish(Event.of(Orchestrator.PSM_TOPIC, type, f));
    }

    static List<Object> findings(Verdict verdict) {
        List<Object> out = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            out.add(f.severity().word() + " " + f.rule() + (f.line() > 0 ? " at line " + f.line() : "") + ": "
                    + f.message());
        }
        return out;
    }

    /** The findings as the audit record's {@code validation_result}: one map per finding. */
    static List<Object> structured(Verdict verdict) {
        List<Object> out = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule());
            m.put("severity", f.severity().word());
            m.put("message", f.message());
            m.put("line", (long) f.line());
            m.put("column", (long) f.column());
            out.add(m);
        }
        return out;
    }

}
