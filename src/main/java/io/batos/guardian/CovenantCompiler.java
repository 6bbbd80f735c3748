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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles the JSON Schema text of a data covenant into a validator, once per distinct text: the
 * compiled form is cached under the SHA-256 of the text.
 *
 * <p>Why by hash and not by name: covenants are data in the image, edited like any other slot.
 * Keyed by content, an edited covenant is a new key and takes effect at once, an unchanged one is
 * never compiled twice, and no cache ever needs invalidating. One compiler can therefore serve
 * every transaction of a process, whatever snapshot each reads its covenants from.
 *
 * <p>Contract:
 * <ul>
 *   <li>drafts 2020-12 (the default, for a schema without {@code $schema}) and 07 are the
 *       supported dialects (06, 04 and 2019-09 also load); a {@code $schema} naming anything else
 *       is a problem of the covenant, not a download;</li>
 *   <li>a text that is not a valid JSON Schema — not JSON, not an object or boolean, refused by
 *       its dialect's meta-schema, or with a {@code $ref} that does not resolve — compiles to a
 *       {@link CompiledCovenant} that carries its problems instead of a validator (cached too);</li>
 *   <li>a covenant is one self-contained document: a {@code $ref} may point inside it, never to a
 *       URL, a file or the class path; only the bundled meta-schemas are ever loaded, so validation
 *       never touches the network or the disk;</li>
 *   <li>thread-safe; the cache holds the {@value #CAPACITY} most recently used texts.</li>
 * </ul>
 */
public final class CovenantCompiler {
    /** How many compiled texts are kept (covenants are few; edits leave old texts behind). */
    static final int CAPACITY = 256;
    /** The dialects a covenant may declare by name in messages; others load but go unadvertised. */
    private static final String KNOWN_DIALECTS = SpecificationVersion.DRAFT_2020_12.getDialectId() + " or "
            + SpecificationVersion.DRAFT_7.getDialectId();

    private final SchemaRegistry registry;
    private final Map<SpecificationVersion, Schema> metaSchemas = new EnumMap<>(SpecificationVersion.class);
    private final Map<String, CompiledCovenant> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledCovenant> eldest) {
            return size() > CAPACITY;
        }
    };
    private long compilations;

    public CovenantCompiler() {
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                .schemaLoader(loader -> loader.block(iri -> !isMetaSchema(iri))));
    }

    /** Only the meta-schemas, which the validator serves from its own jar, may be loaded. */
    private static boolean isMetaSchema(AbsoluteIri iri) {
        String text = iri.toString();
        return text.startsWith("https://json-schema.org/") || text.startsWith("http://json-schema.org/");
    }

    /** The compiled form of a schema text: from the cache when this text was compiled before. */
    CompiledCovenant compile(String text) {
        String key = sha256(text);
        synchronized (this) {
            CompiledCovenant cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            CompiledCovenant compiled = compileNew(text);
            compilations++;
            cache.put(key, compiled);
            return compiled;
        }
    }

    /** How many texts this compiler has compiled (a cache hit compiles nothing). */
    public synchronized long compilations() {
        return compilations;
    }

    /** How many compiled texts the cache holds now. */
    public synchronized int cached() {
        return cache.size();
    }

    private CompiledCovenant compileNew(String text) {
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
                .map(CovenantCompiler::schemaProblem).collect(Collectors.toCollection(ArrayList::new));
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

    private synchronized Schema metaSchema(SpecificationVersion dialect) {
        return metaSchemas.computeIfAbsent(dialect, d -> registry.getSchema(SchemaLocation.of(d.getDialectId())));
    }

    private static String schemaProblem(Error error) {
        String at = error.getInstanceLocation().toString();
        return (at.isEmpty() ? "" : at + ": ") + DataFindings.oneLine(error.getMessage());
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
