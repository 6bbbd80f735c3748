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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas the build ships ({@code resources/schemas/}, on the class path as
 * {@code schemas/…}), validated the way the system validates every covenant: through a
 * {@link DataGuardian}, which also checks each schema against its meta-schema (a broken schema shows
 * up as {@code covenant-schema} findings, never as a silent pass).
 */
public final class Schemas {
    private static final Map<String, DataGuardian> GUARDIANS = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** What the schema at {@code resource} finds wrong with one JSON text (empty when it validates). */
    public static List<String> problems(String resource, String json) {
        DataGuardian guardian = GUARDIANS.computeIfAbsent(resource,
                r -> new DataGuardian(CovenantSource.of(Map.of(r, text(r)))));
        Verdict verdict = guardian.validate(resource, json);
        return verdict.findings().stream().map(Finding::toString).toList();
    }

    /** The text of a schema on the class path. */
    public static String text(String resource) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
