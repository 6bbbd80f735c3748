package io.batos.testing;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.guardian.CovenantSource;
import io.batos.guardian.DataGuardian;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The audit record's JSON Schema ({@code resources/schemas/audit-record.json}, on the class path as
 * {@code schemas/audit-record.json}) with the networknt validator, the way the system validates
 * every covenant: through a {@link DataGuardian}, which also checks the schema against the draft
 * 2020-12 meta-schema (a broken schema shows up as {@code covenant-schema} findings, never as a
 * silent pass).
 */
public final class AuditSchema {
    public static final String RESOURCE = "schemas/audit-record.json";
    public static final String TEXT = load();
    private static final DataGuardian GUARDIAN = new DataGuardian(CovenantSource.of(Map.of("AuditRecord", TEXT)));

    private AuditSchema() {
    }

    /** What the schema finds wrong with one line (empty when it validates). */
    public static List<String> problems(String line) {
        Verdict verdict = GUARDIAN.validate("AuditRecord", line);
        return verdict.findings().stream().map(Finding::toString).toList();
    }

    private static String load() {
        try (InputStream in = AuditSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
