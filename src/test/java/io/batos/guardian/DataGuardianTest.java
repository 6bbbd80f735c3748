package io.batos.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.cognition.psm.Codex;
import io.batos.image.ImageException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DataGuardian on the covenants genesis seeds into ALFRED's codex (the very files under
 * {@code resources/codex/covenants/}), with the real validator: what it accepts, what it refuses
 * and where, how it reads bad input and broken covenants, and its cache.
 */
class DataGuardianTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = Codex.seed("covenants/MissionPlan.json");
    private static final String ARTIFACT = Codex.seed("covenants/MethodArtifact.json");
    private static final String VALID_PLAN = """
            {"goal": "greet the architect",
             "steps": [{"persona": "BRICK", "task": "decide the greeting"},
                       {"persona": "ROBIN", "task": "write greet"}]}""";

    /** One shared compiler, as a vessel shares one: the cache must not make tests depend on order. */
    private static final CovenantCompiler COMPILER = new CovenantCompiler();
    private final DataGuardian guardian = new DataGuardian(
            CovenantSource.of(Map.of("MissionPlan", PLAN, "MethodArtifact", ARTIFACT)), COMPILER);

    private static Finding onlyError(Verdict verdict) {
        assertThat(verdict.accepted()).as("verdict %s", verdict).isFalse();
        assertThat(verdict.errors()).as("findings %s", verdict.findings()).hasSize(1);
        return verdict.errors().get(0);
    }

    private static List<String> messages(Verdict verdict) {
        return verdict.findings().stream().map(Finding::message).toList();
    }

    @Nested
    class MissionPlan {
        @Test
        void aPlanWithAGoalAndStepsIsAccepted() {
            Verdict verdict = guardian.validate("MissionPlan", VALID_PLAN);
            assertThat(verdict.accepted()).isTrue();
            assertThat(verdict.findings()).isEmpty();
        }

        @Test
        void missingStepsIsNamedByItsPointer() {
            Finding finding = onlyError(guardian.validate("MissionPlan", "{\"goal\": \"g\"}"));
            assertThat(finding.rule()).isEqualTo(DataGuardian.RULE);
            assertThat(finding.message()).isEqualTo("/steps: required property 'steps' is missing");
        }

        @Test
        void emptyStepsAreRefusedAtSteps() {
            Finding finding = onlyError(guardian.validate("MissionPlan", "{\"goal\": \"g\", \"steps\": []}"));
            assertThat(finding.message()).startsWith("/steps: ").contains("at least 1");
        }

        @Test
        void anUnknownPersonaIsRefusedWithTheAllowedOnesAndWhatCame() {
            Finding finding = onlyError(guardian.validate("MissionPlan",
                    "{\"goal\": \"g\", \"steps\": [{\"persona\": \"BRICK\", \"task\": \"a\"},"
                            + " {\"persona\": \"HAL\", \"task\": \"b\"}]}"));
            assertThat(finding.message())
                    .isEqualTo("/steps/1/persona: must be one of [\"BRICK\",\"ROBIN\",\"ALFRED\",\"BABS\"], not \"HAL\"");
        }

        @Test
        void anExtraPropertyIsNamedWithThePropertiesThatAreAllowed() {
            assertThat(onlyError(guardian.validate("MissionPlan",
                    "{\"goal\": \"g\", \"steps\": [{\"persona\": \"BRICK\", \"task\": \"a\"}], \"notes\": \"x\"}"))
                    .message()).isEqualTo("/notes: property 'notes' is not allowed here (allowed: goal, steps)");
            assertThat(onlyError(guardian.validate("MissionPlan",
                    "{\"goal\": \"g\", \"steps\": [{\"persona\": \"BRICK\", \"task\": \"a\", \"why\": 1}]}"))
                    .message()).isEqualTo("/steps/0/why: property 'why' is not allowed here (allowed: persona, task)");
        }

        @Test
        void aPropertyNameIsEscapedInItsPointer() {
            assertThat(onlyError(guardian.validate("MissionPlan",
                    "{\"goal\": \"g\", \"steps\": [{\"persona\": \"BRICK\", \"task\": \"a\"}], \"a/b~c\": 1}"))
                    .message()).startsWith("/a~1b~0c: property 'a/b~c' is not allowed");
        }

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource(delimiter = '|', value = {
                "{\"goal\": 5, \"steps\": [{\"persona\": \"BRICK\", \"task\": \"a\"}]}           | /goal: ",
                "{\"goal\": \"g\", \"steps\": \"do it\"}                                          | /steps: ",
                "{\"goal\": \"g\", \"steps\": [\"BRICK\"]}                                        | /steps/0: ",
                "{\"goal\": \"g\", \"steps\": [{\"persona\": \"BRICK\", \"task\": true}]}         | /steps/0/task: ",
                "{\"goal\": \"\", \"steps\": [{\"persona\": \"BRICK\", \"task\": \"a\"}]}         | /goal: ",
                "[\"greet the architect\"]                                                        | (root): ",
                "null                                                                             | (root): "})
        void aWrongTypeIsRefusedAtItsPath(String plan, String pointer) {
            Finding finding = onlyError(guardian.validate("MissionPlan", plan));
            assertThat(finding.rule()).isEqualTo(DataGuardian.RULE);
            assertThat(finding.message()).startsWith(pointer);
        }

        @Test
        void everyProblemIsReportedNotJustTheFirst() {
            Verdict verdict = guardian.validate("MissionPlan",
                    "{\"goal\": 5, \"steps\": [{\"persona\": \"HAL\"}], \"extra\": true}");
            assertThat(messages(verdict)).hasSize(4).anySatisfy(m -> assertThat(m).startsWith("/goal: "))
                    .anySatisfy(m -> assertThat(m).startsWith("/steps/0/persona: "))
                    .anySatisfy(m -> assertThat(m).startsWith("/steps/0/task: required"))
                    .anySatisfy(m -> assertThat(m).startsWith("/extra: "));
        }

        @Test
        void aJsonTreeIsCheckedLikeText() throws Exception {
            JsonNode valid = JSON.readTree(VALID_PLAN);
            assertThat(guardian.validate("MissionPlan", valid).accepted()).isTrue();
            JsonNode empty = JSON.readTree("{\"goal\": \"g\", \"steps\": []}");
            assertThat(onlyError(guardian.validate("MissionPlan", empty)).message()).startsWith("/steps: ");
        }

        @Test
        void aFloodOfProblemsIsCutToWhatAPromptCanHold() {
            String steps = IntStream.range(0, 120).mapToObj(i -> "{\"persona\": \"HAL\", \"task\": \"t\"}")
                    .collect(Collectors.joining(","));
            Verdict verdict = guardian.validate("MissionPlan", "{\"goal\": \"g\", \"steps\": [" + steps + "]}");
            assertThat(verdict.findings()).hasSize(DataFindings.LIMIT + 1);
            assertThat(verdict.findings().get(DataFindings.LIMIT).message()).isEqualTo("… and 70 more problems of the same data");
        }
    }

    @Nested
    class MethodArtifact {
        @Test
        void anArtifactWithSelectorSourceAndRationaleIsAccepted() {
            assertThat(guardian.validate("MethodArtifact", "{\"selector\": \"greet\", \"source\": \"Object greet("
                    + "UvmObject self, Object... args) { return 1; }\", \"rationale\": \"asked for\"}").accepted()).isTrue();
        }

        @Test
        void aMissingRationaleAndABadSelectorAreBothNamed() {
            Verdict verdict = guardian.validate("MethodArtifact", "{\"selector\": \"Greet me\", \"source\": \"x\"}");
            assertThat(messages(verdict)).hasSize(2)
                    .anySatisfy(m -> assertThat(m).isEqualTo("/rationale: required property 'rationale' is missing"))
                    .anySatisfy(m -> assertThat(m).startsWith("/selector: ").contains("^[a-z][A-Za-z0-9_]*$"));
        }

        @Test
        void anEmptySourceAndAnExtraPropertyAreRefused() {
            Verdict verdict = guardian.validate("MethodArtifact",
                    "{\"selector\": \"greet\", \"source\": \"\", \"rationale\": \"r\", \"tests\": []}");
            assertThat(messages(verdict)).hasSize(2)
                    .anySatisfy(m -> assertThat(m).startsWith("/source: "))
                    .anySatisfy(m -> assertThat(m).isEqualTo(
                            "/tests: property 'tests' is not allowed here (allowed: selector, source, rationale)"));
        }
    }

    @Nested
    class BadInput {
        @Test
        void malformedJsonIsAParseFindingWithItsPlaceNotAnException() {
            Finding finding = onlyError(guardian.validate("MissionPlan", "{\"goal\": \"g\",\n \"steps\": [oops]}"));
            assertThat(finding.rule()).isEqualTo(DataGuardian.PARSE);
            assertThat(finding.message()).startsWith("not JSON: ").contains("oops");
            assertThat(finding.line()).isEqualTo(2);
            assertThat(finding.column()).isGreaterThan(1);
            Finding unfinished = onlyError(guardian.validate("MissionPlan", "{\"goal\": \"g\""));
            assertThat(unfinished.message()).startsWith("not JSON: Unexpected end-of-input")
                    .contains("(start marker at line 1, column 1)").doesNotContain("Source:");
        }

        @Test
        void aSecondDocumentOrADuplicateKeyOrNothingAtAllIsRefused() {
            assertThat(onlyError(guardian.validate("MissionPlan", VALID_PLAN + " {}")).rule()).isEqualTo("parse");
            assertThat(onlyError(guardian.validate("MissionPlan",
                    "{\"goal\": \"g\", \"goal\": \"h\", \"steps\": []}")).message()).contains("goal");
            assertThat(onlyError(guardian.validate("MissionPlan", "  ")).message()).contains("empty");
        }

        @Test
        void anUnknownCovenantIsNotFoundAndTheKnownOnesAreListed() {
            assertThatThrownBy(() -> guardian.validate("Misionplan", VALID_PLAN))
                    .isInstanceOfSatisfying(ImageException.class,
                            e -> assertThat(e.code()).isEqualTo(ImageException.Code.NOT_FOUND))
                    .hasMessage("no covenant named 'Misionplan' (known: MethodArtifact, MissionPlan)");
            DataGuardian none = guardian.reading(CovenantSource.of(Map.of()));
            assertThatThrownBy(() -> none.validate("MissionPlan", VALID_PLAN)).hasMessageEndingWith("(known: none)");
        }
    }

    @Nested
    class BrokenCovenants {
        private Verdict under(String schema, String value) {
            return guardian.reading(CovenantSource.of(Map.of("Mine", schema))).validate("Mine", value);
        }

        @Test
        void aSchemaTheMetaSchemaRefusesIsAFindingNamingTheCovenant() {
            Verdict verdict = under("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integr\"}}}", "{\"n\": 1}");
            assertThat(verdict.accepted()).isFalse();
            assertThat(verdict.trips(DataGuardian.SCHEMA)).isTrue();
            assertThat(verdict.findings()).allSatisfy(f -> assertThat(f.message())
                    .startsWith("covenant 'Mine' is not a valid JSON Schema: /properties/n/type: "));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "{\"type\": \"object\"                                     | it is not JSON: ",
                "[\"type\", \"object\"]                                    | not an array",
                "{\"$schema\": \"https://example.com/my-dialect\"}         | names no dialect",
                "{\"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"}}} | /$defs/missing",
                "{\"$ref\": \"https://example.com/plan.json\"}             | https://example.com/plan.json",
                "{\"$ref\": \"file:///etc/passwd\"}                        | file:///etc/passwd",
                "{\"type\": \"string\", \"pattern\": \"([a-z]\"}           | pattern"})
        void aCovenantThatIsNoSchemaSaysWhyAndLoadsNothing(String schema, String why) {
            Verdict verdict = under(schema, "\"text\"");
            assertThat(verdict.accepted()).isFalse();
            assertThat(verdict.findings()).isNotEmpty().allSatisfy(f -> {
                assertThat(f.rule()).isEqualTo(DataGuardian.SCHEMA);
                assertThat(f.message()).startsWith("covenant 'Mine' is not a valid JSON Schema: ");
            });
            assertThat(messages(verdict)).anySatisfy(m -> assertThat(m).containsIgnoringCase(why));
        }

        @Test
        void aPatternThatBacktracksForeverIsCutShortAndBlamed() {
            DataGuardian impatient = new DataGuardian(CovenantSource.of(Map.of("Word",
                    "{\"type\": \"string\", \"pattern\": \"^(.*a){20}$\"}")),
                    new CovenantCompiler(Duration.ofSeconds(1))); // loose: a loaded CI machine still decides the quick values
            long start = System.nanoTime();
            Verdict verdict = impatient.validate("Word", "\"" + "a".repeat(40) + "!\"");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(onlyError(verdict)).satisfies(f -> {
                assertThat(f.rule()).isEqualTo(DataGuardian.SCHEMA);
                assertThat(f.message()).startsWith("covenant 'Word' could not be checked: its pattern '^(.*a){20}$' ran longer");
            });
            // a value the pattern decides quickly is judged as usual
            assertThat(impatient.validate("Word", "\"" + "a".repeat(20) + "\"").accepted()).isTrue();
            assertThat(onlyError(impatient.validate("Word", "\"b\"")).rule()).isEqualTo(DataGuardian.RULE);
        }

        @Test
        void draft07IsSupportedWithItsOwnKeywords() {
            String schema = """
                    {"$schema": "http://json-schema.org/draft-07/schema#",
                     "definitions": {"step": {"type": "string", "minLength": 1}},
                     "type": "object",
                     "properties": {"steps": {"type": "array", "items": {"$ref": "#/definitions/step"}}},
                     "dependencies": {"steps": ["goal"]}}""";
            assertThat(under(schema, "{\"goal\": 1, \"steps\": [\"a\"]}").accepted()).isTrue();
            assertThat(messages(under(schema, "{\"goal\": 1, \"steps\": [\"a\", \"\"]}")))
                    .singleElement().satisfies(m -> assertThat(m).startsWith("/steps/1: "));
            assertThat(under(schema, "{\"steps\": []}").accepted()).isFalse();
            // the dialect without its empty fragment is the same dialect
            assertThat(under(schema.replace("schema#", "schema"), "{\"goal\": 1}").accepted()).isTrue();
        }
    }

    @Nested
    class Cache {
        /** A source whose covenant text can be edited between calls, like a codex slot. */
        private final Map<String, String> codex = new HashMap<>();
        private final CovenantSource source = new CovenantSource() {
            @Override
            public Optional<String> schema(String name) {
                return Optional.ofNullable(codex.get(name));
            }

            @Override
            public List<String> names() {
                return codex.keySet().stream().sorted().toList();
            }
        };

        @Test
        void theSameTextIsCompiledOnceEvenUnderAnotherNameOrGuardian() {
            DataGuardian own = new DataGuardian(source);
            codex.put("MissionPlan", PLAN);
            codex.put("Plan", PLAN);
            for (int i = 0; i < 5; i++) {
                assertThat(own.validate("MissionPlan", VALID_PLAN).accepted()).isTrue();
            }
            assertThat(own.reading(source).validate("Plan", "{}").accepted()).isFalse();
            assertThat(own.compiler().compilations()).isEqualTo(1);
            assertThat(own.compiler().cached()).isEqualTo(1);
        }

        @Test
        void anEditedCovenantIsRecompiledAndAppliesAtOnce() {
            DataGuardian own = new DataGuardian(source);
            codex.put("MissionPlan", PLAN);
            String oneStep = "{\"goal\": \"g\", \"steps\": [{\"persona\": \"BRICK\", \"task\": \"a\"}]}";
            assertThat(own.validate("MissionPlan", oneStep).accepted()).isTrue();
            codex.put("MissionPlan", PLAN.replace("\"minItems\": 1", "\"minItems\": 2"));
            assertThat(onlyError(own.validate("MissionPlan", oneStep)).message()).startsWith("/steps: ");
            assertThat(own.compiler().compilations()).isEqualTo(2);
            codex.put("MissionPlan", PLAN);
            assertThat(own.validate("MissionPlan", oneStep).accepted()).isTrue();
            assertThat(own.compiler().compilations()).as("the first text is still cached").isEqualTo(2);
        }

        @Test
        void aBrokenCovenantIsCachedTooAndAFixTakesEffect() {
            DataGuardian own = new DataGuardian(source);
            codex.put("Mine", "{\"type\": 7}");
            assertThat(own.validate("Mine", "1").trips(DataGuardian.SCHEMA)).isTrue();
            assertThat(own.validate("Mine", "2").trips(DataGuardian.SCHEMA)).isTrue();
            assertThat(own.compiler().compilations()).isEqualTo(1);
            codex.put("Mine", "{\"type\": \"integer\"}");
            assertThat(own.validate("Mine", "2").accepted()).isTrue();
            assertThat(own.validate("Mine", "2.5").accepted()).isFalse();
        }

        @Test
        void theCacheIsBounded() {
            DataGuardian own = new DataGuardian(source);
            for (int i = 0; i < CovenantCompiler.CAPACITY + 10; i++) {
                codex.put("N", "{\"type\": \"integer\", \"minimum\": " + i + "}");
                own.validate("N", "1000");
            }
            assertThat(own.compiler().cached()).isEqualTo(CovenantCompiler.CAPACITY);
        }
    }
}
