package io.batos.testing;

import java.util.List;

/**
 * The audit record's JSON Schema ({@code resources/schemas/audit-record.json}), validated as
 * {@link Schemas} validates every schema the build ships.
 */
public final class AuditSchema {
    public static final String RESOURCE = "schemas/audit-record.json";
    public static final String TEXT = Schemas.text(RESOURCE);

    private AuditSchema() {
    }

    /** What the schema finds wrong with one line (empty when it validates). */
    public static List<String> problems(String line) {
        return Schemas.problems(RESOURCE, line);
    }
}
