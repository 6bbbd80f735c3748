package io.batos.memory;

import io.batos.image.BlobRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One cognitive cycle as the knowledge catalog remembers it: the summary of all its audit events,
 * built up event by event and stored as the slots of one object in the image.
 *
 * <p>What it keeps: the path of states, the personas that spoke, the event types seen, the
 * outcome, the mission (type, selector, brief hash), the committing transaction, the findings
 * (rule, severity, message, line, column, and the event that raised them, each once), every model
 * exchange (prompt and raw response), the architect's notes, the first and last timestamps, the
 * parent cycle and correction depth. Why a summary and not the events: the archived log files
 * keep the events verbatim; the catalog is for finding and learning from cycles, and a document
 * per cycle is what search ranks and what BABS hands on as an example.
 *
 * <p>Prompts and responses are {@link String} while short and {@link BlobRef} once stored in the
 * blob store (see {@link Ingestion}); {@link #text} reads either. A document may grow over two
 * ingestions when a cycle's events straddle them: {@link #absorb} continues where the stored
 * slots left off, and absorbing the same events twice is what the ingestion protocol rules out,
 * not what this class guards against (it does not see offsets).
 */
public final class CycleDocument {
    private final String cycleId;
    private String missionBriefHash;
    private String missionType;
    private String selector;
    private String outcome;
    private String parentCycle;
    private Long depth;
    private Long transactionId;
    private Object artifactOid;
    private String firstEvent;
    private String lastEvent;
    private long eventCount;
    private final List<String> states = new ArrayList<>();
    private final List<String> personas = new ArrayList<>();
    private final List<String> eventTypes = new ArrayList<>();
    private final List<Map<String, Object>> findings = new ArrayList<>();
    private final List<Map<String, Object>> exchanges = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public CycleDocument(String cycleId) {
        this.cycleId = Objects.requireNonNull(cycleId, "cycleId");
        CycleLineage lineage = CycleLineage.of(cycleId);
        if (lineage.depth() > 0) {
            parentCycle = lineage.parentId();
            depth = (long) lineage.depth();
        }
    }

    /** Adds one event of this cycle (events arrive in log order). */
    public void absorb(AuditEvent e) {
        if (!cycleId.equals(e.cycleId())) {
            throw new IllegalArgumentException("event of cycle " + e.cycleId() + " given to " + cycleId);
        }
        eventCount++;
        missionBriefHash = first(missionBriefHash, e.missionBriefHash());
        missionType = first(missionType, e.missionType());
        selector = first(selector, e.selector());
        parentCycle = first(parentCycle, e.parentCycle());
        if (e.depth() != null) {
            depth = e.depth();
        }
        if (e.artifactOid() != null) {
            artifactOid = e.artifactOid();
        }
        if (e.transactionId() != null) {
            transactionId = e.transactionId();
        }
        if (e.finalOutcome() != null) {
            outcome = e.finalOutcome();
        }
        if (e.timestamp() != null) {
            if (firstEvent == null || before(e.timestamp(), firstEvent)) {
                firstEvent = e.timestamp();
            }
            if (lastEvent == null || before(lastEvent, e.timestamp())) {
                lastEvent = e.timestamp();
            }
        }
        if (states.isEmpty() && e.currentState() != null) {
            states.add(e.currentState());
        }
        if (e.transitionTo() != null && !e.transitionTo().equals(last(states))) {
            states.add(e.transitionTo());
        }
        addOnce(personas, e.activePersona());
        addOnce(eventTypes, e.eventType());
        if (e.validationResult() != null) {
            Set<String> seen = new HashSet<>();
            findings.forEach(f -> seen.add(findingKey(f)));
            for (Map<String, Object> finding : e.validationResult()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("event", e.eventType());
                f.put("state", e.currentState());
                f.put("persona", e.activePersona());
                f.putAll(finding);
                if (seen.add(findingKey(f))) {
                    findings.add(f);
                }
            }
        }
        if (e.llmPrompt() != null || e.llmResponseRaw() != null) {
            Map<String, Object> exchange = new LinkedHashMap<>();
            exchange.put("timestamp", e.timestamp());
            exchange.put("event", e.eventType());
            exchange.put("state", e.currentState());
            exchange.put("persona", e.activePersona());
            exchange.put("prompt", e.llmPrompt());
            exchange.put("response", e.llmResponseRaw());
            exchanges.add(exchange);
        }
        if (e.note() != null && !e.note().isBlank()) {
            notes.add(e.note());
        }
    }

    /** Sets the correction depth when the log did not say (the parent's depth plus one). */
    void inferDepth(Long parentDepth) {
        if (depth == null) {
            depth = parentCycle == null ? Long.valueOf(0) : parentDepth == null ? null : parentDepth + 1;
        }
    }

    // ---- slots ---------------------------------------------------------------------------------

    /** The document as slots (null values left out); exchanges' texts are as they are now. */
    public Map<String, Object> toSlots() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("cycleId", cycleId);
        putIf(s, "outcome", outcome);
        putIf(s, "missionType", missionType);
        putIf(s, "selector", selector);
        putIf(s, "missionBriefHash", missionBriefHash);
        putIf(s, "parentCycle", parentCycle);
        putIf(s, "depth", depth);
        putIf(s, "transactionId", transactionId);
        putIf(s, "artifactOid", artifactOid);
        putIf(s, "firstEvent", firstEvent);
        putIf(s, "lastEvent", lastEvent);
        s.put("eventCount", eventCount);
        s.put("states", new ArrayList<Object>(states));
        s.put("personas", new ArrayList<Object>(personas));
        s.put("eventTypes", new ArrayList<Object>(eventTypes));
        s.put("findings", copy(findings));
        s.put("exchanges", copy(exchanges));
        s.put("notes", new ArrayList<Object>(notes));
        return s;
    }

    /** Reads a document back from its object's slots; null when they hold no {@code cycleId}. */
    public static CycleDocument fromSlots(Map<String, Object> s) {
        if (s == null || !(s.get("cycleId") instanceof String id)) {
            return null;
        }
        CycleDocument d = new CycleDocument(id);
        d.outcome = string(s.get("outcome"));
        d.missionType = string(s.get("missionType"));
        d.selector = string(s.get("selector"));
        d.missionBriefHash = string(s.get("missionBriefHash"));
        d.parentCycle = first(string(s.get("parentCycle")), d.parentCycle);
        d.depth = s.get("depth") instanceof Long l ? l : d.depth;
        d.transactionId = s.get("transactionId") instanceof Long l ? l : null;
        d.artifactOid = s.get("artifactOid");
        d.firstEvent = string(s.get("firstEvent"));
        d.lastEvent = string(s.get("lastEvent"));
        d.eventCount = s.get("eventCount") instanceof Long l ? l : 0;
        strings(s.get("states"), d.states);
        strings(s.get("personas"), d.personas);
        strings(s.get("eventTypes"), d.eventTypes);
        strings(s.get("notes"), d.notes);
        maps(s.get("findings"), d.findings);
        maps(s.get("exchanges"), d.exchanges);
        return d;
    }

    // ---- reading -------------------------------------------------------------------------------

    public String cycleId() {
        return cycleId;
    }

    /** {@code COMPLETE}, {@code FAILED}, or null while the cycle had not ended when last ingested. */
    public String outcome() {
        return outcome;
    }

    public String missionType() {
        return missionType;
    }

    public String selector() {
        return selector;
    }

    public String missionBriefHash() {
        return missionBriefHash;
    }

    public String parentCycle() {
        return parentCycle;
    }

    public Long depth() {
        return depth;
    }

    public Long transactionId() {
        return transactionId;
    }

    public Object artifactOid() {
        return artifactOid;
    }

    public String firstEvent() {
        return firstEvent;
    }

    public String lastEvent() {
        return lastEvent;
    }

    public long eventCount() {
        return eventCount;
    }

    public List<String> states() {
        return List.copyOf(states);
    }

    public List<String> personas() {
        return List.copyOf(personas);
    }

    public List<String> eventTypes() {
        return List.copyOf(eventTypes);
    }

    /**
     * Each finding once: {event, state, persona, rule, severity, message, line, column} — the
     * event that raised it, the state the cycle was in and the persona active then.
     */
    public List<Map<String, Object>> findings() {
        return copyMaps(findings);
    }

    /** The model exchanges: {timestamp, event, state, persona, prompt, response}. */
    public List<Map<String, Object>> exchanges() {
        return copyMaps(exchanges);
    }

    /**
     * The cycle's last SYNTHESIZING exchange that has both a prompt and a response — the artifact
     * the cycle's model wrote — or empty when the catalog kept none.
     */
    public java.util.Optional<Map<String, Object>> synthesis() {
        Map<String, Object> found = null;
        for (Map<String, Object> e : exchanges) {
            if ("SYNTHESIZING".equals(e.get("state")) && e.get("prompt") != null && e.get("response") != null) {
                found = e;
            }
        }
        return java.util.Optional.ofNullable(found).map(LinkedHashMap::new);
    }

    /** Mutable access for ingestion, which swaps long texts for blob references in place. */
    List<Map<String, Object>> exchangesInPlace() {
        return exchanges;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String first(String have, String candidate) {
        return have != null ? have : candidate;
    }

    private static String last(List<String> list) {
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }

    private static void addOnce(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }

    /** Whether timestamp {@code a} is earlier than {@code b}; text order when either does not parse. */
    private static boolean before(String a, String b) {
        try {
            return Instant.parse(a).isBefore(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return a.compareTo(b) < 0;
        }
    }

    private static String findingKey(Map<String, Object> f) {
        return f.get("rule") + "\u0000" + f.get("severity") + "\u0000" + f.get("message") + "\u0000" + f.get("line")
                + "\u0000" + f.get("column");
    }

    private static void putIf(Map<String, Object> slots, String name, Object value) {
        if (value != null) {
            slots.put(name, value);
        }
    }

    private static String string(Object value) {
        return value instanceof String text ? text : null;
    }

    private static void strings(Object value, List<String> into) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String text) {
                    into.add(text);
                }
            }
        }
    }

    private static void maps(Object value, List<Map<String, Object>> into) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    into.add(copy);
                }
            }
        }
    }

    private static List<Map<String, Object>> copyMaps(List<Map<String, Object>> maps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            out.add(new LinkedHashMap<>(m));
        }
        return out;
    }

    private static List<Object> copy(List<Map<String, Object>> maps) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            out.add(new LinkedHashMap<>(m));
        }
        return out;
    }

    @Override
    public String toString() {
        return "cycle " + cycleId + " (" + (outcome == null ? "running" : outcome) + ", " + eventCount + " events)";
    }
}
