package io.batos.metacognition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One element of an audit record's {@code validation_result}: a finding ALFRED's checks made
 * against an artifact.
 *
 * <p>Why its own type and not {@code io.batos.code.Finding}: the audit line is a file format read
 * long after the process that wrote it, so it has exactly the five fields the format fixes, with
 * the JSON words ({@code error}, {@code warning}) rather than a Java enum that may grow.
 *
 * <p>Contract: {@code rule}, {@code severity} and {@code message} are never null; {@code severity}
 * is one of {@link #SEVERITIES}; {@code line} and {@code column} are 0 when the finding has no
 * place. The constructor enforces what {@code schemas/audit-record.json} says, so a finding that
 * exists can always be written.
 *
 * @param rule     the rule that spoke, e.g. {@code covenant}, {@code compile}, {@code trial}
 * @param severity {@code error} or {@code warning}
 * @param message  what it said
 * @param line     1-based line in the artifact, 0 when none
 * @param column   1-based column, 0 when none
 */
public record AuditFinding(String rule, String severity, String message, long line, long column) {
    /** The severities the record format knows. */
    public static final Set<String> SEVERITIES = Set.of("error", "warning");
    private static final Set<String> KEYS = Set.of("rule", "severity", "message", "line", "column");

    public AuditFinding {
        if (rule == null) {
            throw new IllegalArgumentException("validation_result[].rule is null");
        }
        if (severity == null || !SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("validation_result[].severity " + AuditRecord.quoted(severity)
                    + " is not one of " + SEVERITIES);
        }
        if (message == null) {
            throw new IllegalArgumentException("validation_result[].message is null");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("validation_result[] line and column must be >= 0, not " + line + ":"
                    + column);
        }
    }

    /**
     * A finding from the plain map an event carries ({@code rule}, {@code severity}, {@code message},
     * {@code line}, {@code column}).
     *
     * @throws IllegalArgumentException when a key is missing, has the wrong type, or there are others
     */
    static AuditFinding of(Map<?, ?> map) {
        if (map.size() != 5 || !map.keySet().containsAll(KEYS)) {
            throw new IllegalArgumentException("validation_result[] must have exactly rule, severity, message, line,"
                    + " column; has " + map.keySet());
        }
        return new AuditFinding(text(map, "rule"), text(map, "severity"), text(map, "message"), whole(map, "line"),
                whole(map, "column"));
    }

    /** The finding as a plain, ordered map: the shape it has in the JSON line. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rule", rule);
        map.put("severity", severity);
        map.put("message", message);
        map.put("line", line);
        map.put("column", column);
        return map;
    }

    private static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("validation_result[]." + key + " must be a string, not "
                    + AuditRecord.kind(v));
        }
        return (String) v;
    }

    private static long whole(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (!AuditRecord.isWhole(v)) {
            throw new IllegalArgumentException("validation_result[]." + key + " must be an integer, not "
                    + AuditRecord.kind(v));
        }
        return ((Number) v).longValue();
    }
}
