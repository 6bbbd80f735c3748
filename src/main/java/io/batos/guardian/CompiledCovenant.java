package io.batos.guardian;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;
import java.util.Objects;

/**
 * One covenant text as the {@link CovenantCompiler} left it: a ready validator with the schema
 * document it came from, or — when the text is no valid JSON Schema — the problems that say why.
 *
 * <p>Why both cases are values: a broken covenant is cached like a good one (it is not compiled
 * again until its text changes), and the guardian reports it as findings, not as a crash.
 */
final class CompiledCovenant {
    private final Schema schema;
    private final tools.jackson.databind.JsonNode document;
    private final List<String> problems;

    private CompiledCovenant(Schema schema, tools.jackson.databind.JsonNode document, List<String> problems) {
        this.schema = schema;
        this.document = document;
        this.problems = List.copyOf(problems);
    }

    static CompiledCovenant of(Schema schema, tools.jackson.databind.JsonNode document) {
        return new CompiledCovenant(Objects.requireNonNull(schema), document, List.of());
    }

    static CompiledCovenant broken(List<String> problems) {
        return new CompiledCovenant(null, null, problems);
    }

    /** Whether the text is a valid JSON Schema (else see {@link #problems()}). */
    boolean usable() {
        return schema != null;
    }

    /** Why the text is not a valid JSON Schema; empty when it is. */
    List<String> problems() {
        return problems;
    }

    /** The schema document, for findings that quote it (the properties an object may have). */
    tools.jackson.databind.JsonNode document() {
        return document;
    }

    /** Every way {@code instance} breaks the schema; empty when it keeps it. */
    List<Error> validate(tools.jackson.databind.JsonNode instance) {
        return schema.validate(instance);
    }
}
