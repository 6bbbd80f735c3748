package io.batos.metacognition;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line of {@code metacognition.jsonl}: what a cognitive cycle did at one transition, in the
 * blueprint's fifteen fields (DESIGN §9) — no more, no fewer.
 *
 * <p>Why a closed record and not the event's map: the PSM's events carry extras for live views
 * ({@code parent_cycle}, {@code note}), and the audit log is a file format that ingestion, the
 * meta-analysis and the fine-tuning curation read for as long as the image lives. {@link #of}
 * keeps exactly the fifteen fields; everything else stays on the bus.
 *
 * <p>Contract:
 * <ul>
 *   <li>the constructor enforces {@code schemas/audit-record.json} (test {@code AuditSchemaTest}
 *       keeps the two in step): {@code timestamp}, {@code cycle_id}, {@code mission_brief_hash}
 *       (64 lower-case hex digits), {@code event_type} and {@code mission_type} are never null;
 *       {@code event_type}, {@code final_outcome} and {@code mission_type} take only the words of
 *       {@link #EVENT_TYPES}, {@link #FINAL_OUTCOMES} and {@link #MISSION_TYPES}; every other field
 *       is null when it does not apply. A record that exists therefore always writes a valid line;
 *       a violation is an {@link IllegalArgumentException} naming the field;</li>
 *   <li>a JSON line ({@link #toJson}, {@link #writeJson}) has the fifteen snake_case keys in the
 *       order of {@link #FIELDS}, nulls written out, on one line (JSON escapes every line break
 *       inside strings); the timestamp is ISO 8601 in UTC ({@code 2026-11-26T09:30:00.123Z});</li>
 *   <li>{@link #fromJson} is strict where {@link #of} is lenient: a line must be one JSON object with
 *       exactly the fifteen keys, each of the right type, or it is refused with the reason.</li>
 * </ul>
 */
public record AuditRecord(Instant timestamp, String cycleId, Long transactionId, String missionBriefHash,
                          String eventType, String currentState, String transitionTo, String activePersona,
                          String llmPrompt, String llmResponseRaw, Long artifactOid,
                          List<AuditFinding> validationResult, String finalOutcome, String missionType,
                          String selector) {

    /** The JSON keys, in the order every line writes them. */
    public static final List<String> FIELDS = List.of("timestamp", "cycle_id", "transaction_id", "mission_brief_hash",
            "event_type", "current_state", "transition_to", "active_persona", "llm_prompt", "llm_response_raw",
            "artifact_oid", "validation_result", "final_outcome", "mission_type", "selector");
    /** The words of {@code event_type}. */
    public static final Set<String> EVENT_TYPES = Set.of("STATE_TRANSITION", "ARTIFACT_GENERATED", "VALIDATION_SUCCESS",
            "VALIDATION_FAILURE", "APPROVAL_REQUESTED", "APPROVAL_GRANTED", "APPROVAL_DENIED", "CORRECTION_DISPATCHED",
            "CYCLE_COMPLETE", "CYCLE_FAILED");
    /** The words of {@code final_outcome} (null while a cycle runs). */
    public static final Set<String> FINAL_OUTCOMES = Set.of("COMPLETE", "FAILED");
    /** The words of {@code mission_type}. */
    public static final Set<String> MISSION_TYPES = Set.of("method", "data");

    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);
    /** Strict reading: a key given twice is a malformed line. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public AuditRecord {
        // Messages are built only on failure: a record is made on the publishing thread of every event.
        if (timestamp == null) {
            throw new IllegalArgumentException("timestamp is null");
        }
        if (timestamp.isBefore(FIRST) || timestamp.isAfter(LAST)) {
            throw new IllegalArgumentException("timestamp " + timestamp + " lies outside the years 0000-9999 that"
                    + " ISO 8601 writes with four digits");
        }
        if (cycleId == null || cycleId.isEmpty()) {
            throw new IllegalArgumentException("cycle_id is null or empty");
        }
        if (!isSha256(missionBriefHash)) {
            throw new IllegalArgumentException("mission_brief_hash " + quoted(missionBriefHash)
                    + " is not a SHA-256 in lower-case hex");
        }
        if (eventType == null || !EVENT_TYPES.contains(eventType)) {
            throw new IllegalArgumentException("event_type " + quoted(eventType) + " is not one of " + EVENT_TYPES);
        }
        if (finalOutcome != null && !FINAL_OUTCOMES.contains(finalOutcome)) {
            throw new IllegalArgumentException("final_outcome " + quoted(finalOutcome) + " is neither null nor one of "
                    + FINAL_OUTCOMES);
        }
        if (missionType == null || !MISSION_TYPES.contains(missionType)) {
            throw new IllegalArgumentException("mission_type " + quoted(missionType) + " is not one of "
                    + MISSION_TYPES);
        }
        if (validationResult != null) {
            if (validationResult.contains(null)) {
                throw new IllegalArgumentException("validation_result holds a null finding");
            }
            validationResult = List.copyOf(validationResult);
        }
    }

    /**
     * The record of a PSM event's fields: exactly the fifteen keys of {@link #FIELDS}, every other
     * key ignored, an absent key taken as null (the field does not apply).
     *
     * <p>Values are what the Orchestrator publishes: strings, an {@code Instant} or ISO 8601 text
     * for the timestamp, integral numbers for {@code transaction_id} and {@code artifact_oid}, and
     * for {@code validation_result} a list of maps with {@code rule}, {@code severity},
     * {@code message}, {@code line}, {@code column} (or of {@link AuditFinding}s).
     *
     * @throws IllegalArgumentException when a field has the wrong type or value
     */
    public static AuditRecord of(Map<String, ?> eventFields) {
        return fromMap(eventFields);
    }

    /**
     * Reads one line (without its line break).
     *
     * @throws IllegalArgumentException when the line is not exactly one JSON object with the
     *                                  fifteen keys of the right types; the message says why
     */
    public static AuditRecord fromJson(String line) {
        try (JsonParser p = FACTORY.createParser(line)) {
            return read(p);
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /** {@link #fromJson(String)} on UTF-8 bytes, without making a string of the line first. */
    public static AuditRecord fromJson(byte[] utf8, int offset, int length) {
        try (JsonParser p = FACTORY.createParser(utf8, offset, length)) {
            return read(p);
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * Streams one object into a map of plain values, then converts it as {@link #of} does: one set
     * of type checks and messages for both ways in, at a fraction of a tree's cost.
     */
    private static AuditRecord read(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new IllegalArgumentException("the line is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("the line is a JSON " + kindOf(first) + ", not an object");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (!FIELD_SET.contains(name)) {
                throw new IllegalArgumentException("unknown field " + quoted(name));
            }
            p.nextToken();
            map.put(name, value(p));
        }
        if (p.nextToken() != null) {
            throw new IllegalArgumentException("not JSON: more than one value on the line");
        }
        if (map.size() != FIELDS.size()) {
            List<String> missing = new ArrayList<>(FIELDS);
            missing.removeAll(map.keySet());
            throw new IllegalArgumentException("missing field(s) " + missing + " (every field is present, null when it"
                    + " does not apply)");
        }
        return fromMap(map);
    }

    /** The current value as plain Java: strings, longs (or BigIntegers), doubles, booleans, lists, maps, null. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            throw new JsonParseException(p, "unexpected end of the line");
        }
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                return list;
            case START_OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, value(p));
                }
                return map;
            default:
                throw new JsonParseException(p, "unexpected " + token);
        }
    }

    private static IllegalArgumentException notJson(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new IllegalArgumentException("not JSON: " + oneLine(message), e);
    }

    private static String kindOf(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "array";
            case VALUE_STRING:
                return "string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "boolean";
            default:
                return "null";
        }
    }

    private static AuditRecord fromMap(Map<String, ?> f) {
        return new AuditRecord(time(f.get("timestamp")), text(f, "cycle_id"), whole(f, "transaction_id"),
                text(f, "mission_brief_hash"), text(f, "event_type"), text(f, "current_state"),
                text(f, "transition_to"), text(f, "active_persona"), text(f, "llm_prompt"),
                text(f, "llm_response_raw"), whole(f, "artifact_oid"), findings(f.get("validation_result")),
                text(f, "final_outcome"), text(f, "mission_type"), text(f, "selector"));
    }

    /** The record as a plain, ordered map with the JSON keys (findings as maps, the timestamp as text). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", timestamp.toString());
        m.put("cycle_id", cycleId);
        m.put("transaction_id", transactionId);
        m.put("mission_brief_hash", missionBriefHash);
        m.put("event_type", eventType);
        m.put("current_state", currentState);
        m.put("transition_to", transitionTo);
        m.put("active_persona", activePersona);
        m.put("llm_prompt", llmPrompt);
        m.put("llm_response_raw", llmResponseRaw);
        m.put("artifact_oid", artifactOid);
        m.put("validation_result", validationResult == null ? null
                : validationResult.stream().map(AuditFinding::toMap).toList());
        m.put("final_outcome", finalOutcome);
        m.put("mission_type", missionType);
        m.put("selector", selector);
        return m;
    }

    /** The JSON line, without its line break. */
    public String toJson() {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeJson(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the record as one JSON object, the fifteen keys in {@link #FIELDS} order, nulls included. */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("timestamp", timestamp.toString());
        g.writeStringField("cycle_id", cycleId);
        nullableNumber(g, "transaction_id", transactionId);
        g.writeStringField("mission_brief_hash", missionBriefHash);
        g.writeStringField("event_type", eventType);
        g.writeStringField("current_state", currentState);
        g.writeStringField("transition_to", transitionTo);
        g.writeStringField("active_persona", activePersona);
        g.writeStringField("llm_prompt", llmPrompt);
        g.writeStringField("llm_response_raw", llmResponseRaw);
        nullableNumber(g, "artifact_oid", artifactOid);
        g.writeFieldName("validation_result");
        if (validationResult == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (AuditFinding finding : validationResult) {
                g.writeStartObject();
                g.writeStringField("rule", finding.rule());
                g.writeStringField("severity", finding.severity());
                g.writeStringField("message", finding.message());
                g.writeNumberField("line", finding.line());
                g.writeNumberField("column", finding.column());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeStringField("final_outcome", finalOutcome);
        g.writeStringField("mission_type", missionType);
        g.writeStringField("selector", selector);
        g.writeEndObject();
    }

    private static void nullableNumber(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    // ---- conversions: one place for the types of both ways in --------------------------------

    private static Instant time(Object v) {
        if (v instanceof Instant instant) {
            return instant;
        }
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("timestamp must be ISO 8601 text, not " + kind(v));
        }
        Instant parsed = utc((String) v);
        if (parsed == null) {
            throw new IllegalArgumentException("timestamp " + quoted(v) + " is not an ISO 8601 instant in UTC"
                    + " (yyyy-mm-ddThh:mm:ss[.fraction]Z)");
        }
        return parsed;
    }

    /**
     * Parses exactly {@code yyyy-mm-ddThh:mm:ss[.f…]Z} (1 to 9 digits of fraction): what
     * {@code Instant.toString} writes and the schema's pattern allows; null for anything else.
     *
     * <p>Why by hand: {@code Instant.parse} also takes offsets ({@code +01:00}), which the format
     * does not, and costs microseconds on the publishing thread of every event.
     */
    static Instant utc(String s) {
        int n = s.length();
        if (n < 20 || n == 21 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(s, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // the 30th of February, hour 24, …
        }
    }

    /** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isSha256(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String text(Map<String, ?> f, String key) {
        Object v = f.get(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string or null, not " + kind(v));
        }
        return (String) v;
    }

    private static Long whole(Map<String, ?> f, String key) {
        Object v = f.get(key);
        if (v != null && !isWhole(v)) {
            throw new IllegalArgumentException(key + " must be an integer or null, not " + kind(v));
        }
        return v == null ? null : ((Number) v).longValue();
    }

    private static List<AuditFinding> findings(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?>)) {
            throw new IllegalArgumentException("validation_result must be an array or null, not " + kind(v));
        }
        List<AuditFinding> out = new ArrayList<>();
        for (Object element : (List<?>) v) {
            if (element instanceof AuditFinding finding) {
                out.add(finding);
            } else {
                if (!(element instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("validation_result[] must hold objects, not " + kind(element));
                }
                out.add(AuditFinding.of(map));
            }
        }
        return out;
    }

    static boolean isWhole(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger b && b.bitLength() < 64;
    }

    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + v.getClass().getSimpleName();
    }

    static String quoted(Object v) {
        return v == null ? "null" : "'" + v + "'";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
