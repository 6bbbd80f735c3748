package io.batos.guardian;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.image.ImageException;
import java.util.List;
import java.util.Objects;

/**
 * The guardian of the Data Covenant: checks a JSON value against a named data covenant — a JSON
 * Schema document stored as data (in a running system, in ALFRED's codex) — and answers a
 * {@link Verdict}.
 *
 * <p>Why: the blueprint builds Pydantic models from code strings in the codex and {@code exec}s
 * them. Here a covenant is a JSON Schema (draft 2020-12 or 07): data that is validated against,
 * never executed, so the architect and the models may edit covenants as freely as any other data.
 * The guardian checks what the cognitive cycle produces (a {@code MissionPlan}, a
 * {@code MethodArtifact}) and, through the kernel's commit check, every object whose
 * {@code covenant} slot names a covenant (DESIGN.md §6).
 *
 * <p>Contract:
 * <ul>
 *   <li>a rejection is a verdict, never an exception: the value's problems are {@value #RULE}
 *       findings whose message starts with the JSON Pointer of the offending value
 *       ({@code /steps/0/persona: must be one of …}; the document itself is {@code (root)}), at most
 *       {@value DataFindings#LIMIT} of them and a last one that counts the rest; text that is not
 *       one JSON document gets one {@value #PARSE} finding with its line and column; a covenant
 *       that is no valid JSON Schema gets {@value #SCHEMA} findings naming it (the data cannot be
 *       accepted under a broken covenant, and {@code verdict.trips(SCHEMA)} tells a cycle that the
 *       covenant, not its artifact, needs mending);</li>
 *   <li>the one exception: a covenant name the source does not know throws
 *       {@link ImageException} with code {@code NOT_FOUND}, "no covenant named X (known: …)" — a
 *       caller's mistake, not a property of the data;</li>
 *   <li>covenants are read from the {@link CovenantSource} at every call and compiled by the
 *       {@link CovenantCompiler}, cached by the SHA-256 of their text: an edited covenant applies at
 *       once, an unchanged one is compiled once per compiler;</li>
 *   <li>immutable and thread-safe when its source is; guardians made by {@link #reading} share one
 *       compiler (and so one cache).</li>
 * </ul>
 */
public final class DataGuardian {
    /** Rule id: the value breaks its covenant. */
    public static final String RULE = "data-covenant";
    /** Rule id: the text is not one JSON document. */
    public static final String PARSE = "parse";
    /** Rule id: the covenant itself is not a valid JSON Schema. */
    public static final String SCHEMA = "covenant-schema";

    private final CovenantSource covenants;
    private final CovenantCompiler compiler;

    /** A guardian over {@code covenants} with a compiler of its own. */
    public DataGuardian(CovenantSource covenants) {
        this(covenants, new CovenantCompiler());
    }

    /** A guardian over {@code covenants} sharing {@code compiler} (and its cache) with others. */
    public DataGuardian(CovenantSource covenants, CovenantCompiler compiler) {
        this.covenants = Objects.requireNonNull(covenants, "covenants");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    /** A guardian over other covenants (another transaction's, say) that shares this one's compiler. */
    public DataGuardian reading(CovenantSource other) {
        return new DataGuardian(other, compiler);
    }

    /** The compiler whose cache this guardian uses. */
    public CovenantCompiler compiler() {
        return compiler;
    }

    /**
     * Validates JSON text against a covenant.
     *
     * @param covenant the covenant's name
     * @param json     the text: exactly one JSON document (a second one, or a key given twice, is a
     *                 {@value #PARSE} finding)
     * @return accepted exactly when the text is JSON and keeps the covenant
     * @throws ImageException NOT_FOUND when no covenant has that name
     */
    public Verdict validate(String covenant, String json) {
        Objects.requireNonNull(json, "json");
        String schema = schemaOf(covenant);
        JsonNode value;
        try {
            value = StrictJson.parse(json);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
            return Verdict.of(List.of(Finding.error(PARSE, "not JSON: " + StrictJson.message(e), line, column)));
        }
        if (value.isMissingNode()) {
            return Verdict.of(List.of(Finding.error(PARSE, "no JSON value: the text is empty", 1, 1)));
        }
        return check(covenant, schema, value);
    }

    /**
     * Validates a JSON value against a covenant.
     *
     * @param covenant the covenant's name
     * @param value    the value (a plan, an artifact, an object's data slots as a JSON object)
     * @return accepted exactly when the value keeps the covenant
     * @throws ImageException NOT_FOUND when no covenant has that name
     */
    public Verdict validate(String covenant, JsonNode value) {
        Objects.requireNonNull(value, "value");
        return check(covenant, schemaOf(covenant), value);
    }

    private String schemaOf(String covenant) {
        Objects.requireNonNull(covenant, "covenant");
        return covenants.schema(covenant).orElseThrow(() -> {
            List<String> known = covenants.names();
            return new ImageException(ImageException.Code.NOT_FOUND, "no covenant named '" + covenant + "' (known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
        });
    }

    private Verdict check(String covenant, String schemaText, JsonNode value) {
        CompiledCovenant compiled = compiler.compile(schemaText);
        if (!compiled.usable()) {
            return broken(covenant, compiled.problems());
        }
        try {
            return Verdict.of(DataFindings.of(compiled.validate(Jackson3Trees.copy(value)), compiled.document()));
        } catch (BoundedPatterns.TooSlow e) {
            return uncheckable(covenant, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // the validator gave up on this covenant (a schema that recurses without end, say):
            // refuse, naming the covenant, rather than crash a commit
            return uncheckable(covenant, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Verdict uncheckable(String covenant, String why) {
        return Verdict.of(List.of(Finding.error(SCHEMA, "covenant '" + covenant + "' could not be checked: "
                + DataFindings.oneLine(why), 0, 0)));
    }

    private static Verdict broken(String covenant, List<String> problems) {
        return Verdict.of(problems.stream()
                .map(problem -> Finding.error(SCHEMA, "covenant '" + covenant + "' is not a valid JSON Schema: "
                        + problem, 0, 0))
                .toList());
    }
}
