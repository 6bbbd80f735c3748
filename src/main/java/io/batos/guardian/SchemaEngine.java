package io.batos.guardian;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns one JSON Schema text into a {@link CompiledCovenant}, with the networknt validator: the
 * text is read strictly, checked against its dialect's meta-schema, then compiled with every
 * {@code $ref} resolved up front.
 *
 * <p>Why the meta-schema check: the validator compiles {@code {"type": 5}} without complaint and
 * then fails every value with a message about the value. A covenant that is not a schema must be
 * named as such, so that the architect mends the covenant instead of the data.
 *
 * <p>Contract:
 * <ul>
 *   <li>drafts 2020-12 (the default, for a schema without {@code $schema}) and 07 are the
 *       supported dialects (06, 04 and 2019-09 also load); a {@code $schema} naming anything else
 *       is a problem of the covenant, not a download;</li>
 *   <li>a text that is not JSON, not an object or boolean, refused by its meta-schema, or with a
 *       {@code $ref} that does not resolve compiles to a covenant that carries its problems (each
 *       a line, with the JSON Pointer into the schema where there is one);</li>
 *   <li>a covenant is one self-contained document: a {@code $ref} may point inside it, never to a
 *       URL, a file or the class path; only the bundled meta-schemas are ever loaded, so checking
 *       never touches the network or the disk;</li>
 *   <li>every {@code pattern} match is bounded in time ({@link BoundedPatterns});</li>
 *   <li>not thread-safe: its {@link CovenantCompiler} calls it under its lock. The compiled
 *       schemas it hands out are safe to use from any thread.</li>
 * </ul>
 */
final class SchemaEngine {
    /** The dialects to name in messages; others load but go unadvertised. */
    private static final String KNOWN_DIALECTS = SpecificationVersion.DRAFT_2020_12.getDialectId() + " or "
            + SpecificationVersion.DRAFT_7.getDialectId();

    private final SchemaRegistry registry;
    private final Map<SpecificationVersion, Schema> metaSchemas = new EnumMap<>(SpecificationVersion.class);

    SchemaEngine(Duration patternLimit) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .regularExpressionFactory(new BoundedPatterns(patternLimit))
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(config)
                .schemaLoader(loader -> loader.block(iri -> !isMetaSchema(iri))));
    }

    /** Only the meta-schemas, which the validator serves from its own jar, may be loaded. */
    private static boolean isMetaSchema(AbsoluteIri iri) {
        String text = iri.toString();
        return text.startsWith("https://json-schema.org/") || text.startsWith("http://json-schema.org/");
    }

    CompiledCovenant compile(String text) {
        JsonNode parsed;
        try {
            parsed = StrictJson.parse(text);
        } catch (JsonProcessingException e) {
            return CompiledCovenant.broken(List.of("it is not JSON: " + StrictJson.describe(e)));
        }
        if (parsed.isMissingNode()) {
            return CompiledCovenant.broken(List.of("it is empty"));
        }
        if (!parsed.isObject() && !parsed.isBoolean()) {
            return CompiledCovenant.broken(List.of("a JSON Schema is an object (or true/false), not "
                    + DataFindings.kind(parsed.getNodeType().name())));
        }
        Optional<SpecificationVersion> dialect = dialect(parsed);
        if (dialect.isEmpty()) {
            return CompiledCovenant.broken(List.of("its $schema " + parsed.get("$schema")
                    + " names no dialect the DataGuardian knows (use " + KNOWN_DIALECTS + ")"));
        }
        tools.jackson.databind.JsonNode tree = Jackson3Trees.copy(parsed);
        List<String> problems = metaSchema(dialect.get()).validate(tree).stream()
                .map(SchemaEngine::schemaProblem).toList();
        if (!problems.isEmpty()) {
            return CompiledCovenant.broken(problems);
        }
        try {
            Schema schema = registry.getSchema(tree);
            schema.initializeValidators();
            return CompiledCovenant.of(schema, tree);
        } catch (SchemaException e) {
            return CompiledCovenant.broken(List.of(DataFindings.oneLine(e.getMessage())));
        } catch (RuntimeException e) {
            // a pattern java.util.regex cannot compile, say: the covenant is at fault, not the data
            return CompiledCovenant.broken(List.of(DataFindings.oneLine(e.getClass().getSimpleName() + ": "
                    + e.getMessage())));
        }
    }

    /** The dialect a schema declares with {@code $schema} (2020-12 when it declares none). */
    private static Optional<SpecificationVersion> dialect(JsonNode schema) {
        JsonNode declared = schema.get("$schema");
        if (declared == null) {
            return Optional.of(SpecificationVersion.DRAFT_2020_12);
        }
        if (!declared.isTextual()) {
            return Optional.empty();
        }
        String id = withoutEmptyFragment(declared.textValue());
        return Stream.of(SpecificationVersion.values())
                .filter(version -> withoutEmptyFragment(version.getDialectId()).equals(id)).findFirst();
    }

    /** {@code http://json-schema.org/draft-07/schema#} and {@code …/schema} name the same dialect. */
    private static String withoutEmptyFragment(String iri) {
        return iri.endsWith("#") ? iri.substring(0, iri.length() - 1) : iri;
    }

    private Schema metaSchema(SpecificationVersion dialect) {
        return metaSchemas.computeIfAbsent(dialect, d -> registry.getSchema(SchemaLocation.of(d.getDialectId())));
    }

    private static String schemaProblem(Error error) {
        String at = error.getInstanceLocation().toString();
        return (at.isEmpty() ? "" : at + ": ") + DataFindings.oneLine(error.getMessage());
    }
}
