package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.cognition.llm.fixture.ScriptedModel;
import io.batos.guardian.PersistenceGuardian;
import io.batos.image.LivingImage;
import io.batos.kernel.DemoImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.MethodInstaller;
import io.batos.kernel.ObjectDescription;
import io.batos.kernel.SlotDescription;
import io.batos.kernel.Vessel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo core answers the Prototypal State Machine: the codex's own prompts, rendered as the state
 * machine renders them and run through {@link OnnxCausalLm} on the written scripted model, get a
 * plan and an artifact that keep their covenants, and the artifact's method passes the
 * PersistenceGuardian, installs through the kernel and answers — or, for {@code tally}, is refused
 * for the covenant and corrected.
 */
class DemoCoreScriptsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final GenerationParams PARAMS = GenerationParams.GREEDY.withMaxTokens(1024);
    /** The rules a method refusal names in the correction block, as the state machine words them. */
    static final String METHOD_RULES = "the method shape, the Persistence Covenant (end every path that changes"
            + " state with self.markChanged()), the sandbox (no files, threads, reflection or System), and the trial run";

    @TempDir
    static Path models;
    static OnnxCausalLm core;

    @TempDir
    Path images;

    @BeforeAll
    static void open() throws IOException {
        Path dir = models.resolve("demo");
        ModelFixtures.write(ModelFixtures.Kind.SCRIPTED, dir);
        core = OnnxCausalLm.open(dir, EngineOptions.defaults("demo"));
    }

    @AfterAll
    static void close() {
        core.close();
    }

    // ---- the codex and the prompts, as the state machine renders them --------------------------

    static String codex(String path) {
        try (InputStream in = DemoCoreScriptsTest.class.getResourceAsStream("/codex/" + path)) {
            assertThat(in).as("codex resource " + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String systemPrompt(String persona) {
        try {
            return JSON.readTree(codex("personas/" + persona + ".json")).path("systemPrompt").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each {@code {{name}}} becomes its value (unknown ones nothing); runs of blank lines collapse. */
    static String render(String template, Map<String, String> values) {
        Matcher m = Pattern.compile("\\{\\{([A-Za-z]+)}}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** A method mission's placeholders for a receiver known only by its description. */
    static Map<String, String> brief(String selector, String arguments, String slots, String inherited) {
        Map<String, String> values = new HashMap<>();
        values.put("selector", selector);
        values.put("receiver", "@5");
        values.put("arguments", arguments);
        values.put("slots", slots);
        values.put("inherited", inherited);
        return values;
    }

    /**
     * A method mission's placeholders for a live receiver, built as the doesNotUnderstand handler
     * builds them: its own data slots as JSON, every selector it understands through its parents.
     */
    static Map<String, String> brief(Kernel kernel, long receiver, String selector, String arguments) {
        ObjectDescription description = kernel.describe(receiver);
        ObjectNode slots = JSON.createObjectNode();
        Set<String> inherited = new LinkedHashSet<>();
        for (SlotDescription slot : description.slots()) {
            switch (slot.kind()) {
                case DATA, REFERENCE -> {
                    if (!slot.inherited()) {
                        try {
                            slots.set(slot.name(), JSON.readTree(slot.json()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                case METHOD, PRIMITIVE -> inherited.add(slot.name());
                default -> {
                }
            }
        }
        return brief(selector, arguments, slots.toString(), String.join(", ", inherited));
    }

    /** The correction block of a corrective cycle, as {@code correction.txt} lays it out. */
    static String correction(int depth, String flawedArtifact, Verdict verdict, String rules) {
        List<String> findings = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            findings.add("attempt " + depth + ": " + f.severity().word() + " " + f.rule()
                    + (f.line() > 0 ? " at line " + f.line() : "") + ": " + f.message());
        }
        return render(codex("prompts/correction.txt"), Map.of("depth", String.valueOf(depth), "flawedArtifact",
                flawedArtifact, "findings", String.join("\n", findings), "rules", rules));
    }

    /** Asks the demo core as the state machine asks a persona: its system prompt, the rendered state prompt. */
    static Completion ask(String persona, String prompt, String covenant) {
        ChatRequest request = ChatRequest.of(systemPrompt(persona), prompt).withPersona(persona)
                .withJsonSchema(covenant == null ? null : codex("covenants/" + covenant + ".json"));
        return core.generate(request, PARAMS, null).join();
    }

    /** What one cycle's three model calls answered, each fed the answers before it. */
    record Cycle(String planText, JsonNode plan, List<String> facets, String artifactText, JsonNode artifact) {
        String source() {
            return artifact.path("source").asText();
        }
    }

    /** DECOMPOSING, DELEGATING (BABS and ALFRED steps), SYNTHESIZING for a brief, with the covenants checked. */
    static Cycle cycle(Map<String, String> brief) throws IOException {
        Completion planAnswer = ask("BRICK", render(codex("prompts/decomposing.txt"), brief), "MissionPlan");
        assertThat(planAnswer.stopReason()).as("BRICK ends its turn").isEqualTo(StopReason.END_OF_TURN);
        JsonNode plan = JSON.readTree(planAnswer.text());
        assertKeeps("MissionPlan", plan);

        List<String> facets = new ArrayList<>();
        for (JsonNode step : plan.path("steps")) {
            String who = step.path("persona").asText();
            if (who.equals("BABS") || who.equals("ALFRED")) {
                Map<String, String> values = new HashMap<>(brief);
                values.putAll(Map.of("persona", who, "task", step.path("task").asText(),
                        "goal", plan.path("goal").asText(), "examples", "(none)"));
                Completion facet = ask(who, render(codex("prompts/delegating.txt"), values), null);
                assertThat(facet.stopReason()).isEqualTo(StopReason.END_OF_TURN);
                facets.add(who + ": " + facet.text().strip());
            }
        }

        Map<String, String> values = new HashMap<>(brief);
        values.put("goal", plan.path("goal").asText());
        values.put("facets", facets.isEmpty() ? "" : "What the others found:\n" + String.join("\n", facets));
        Completion artifactAnswer = ask("ROBIN", render(codex("prompts/synthesizing.txt"), values), "MethodArtifact");
        assertThat(artifactAnswer.stopReason()).as("ROBIN ends its turn").isEqualTo(StopReason.END_OF_TURN);
        JsonNode artifact = JSON.readTree(artifactAnswer.text());
        assertKeeps("MethodArtifact", artifact);
        assertThat(artifact.path("selector").asText()).isEqualTo(brief.get("selector"));
        return new Cycle(planAnswer.text(), plan, facets, artifactAnswer.text(), artifact);
    }

    // ---- the covenants, checked by hand (no JSON Schema validator on this class path) ---------

    /** Checks {@code value} against the covenant's schema, reading the keywords the covenants use. */
    static void assertKeeps(String covenant, JsonNode value) throws IOException {
        JsonNode schema = JSON.readTree(codex("covenants/" + covenant + ".json"));
        assertSchema(schema, value, covenant);
    }

    static void assertSchema(JsonNode schema, JsonNode value, String path) {
        Set<String> known = Set.of("$schema", "title", "description", "type", "properties", "required",
                "additionalProperties", "items", "minItems", "minLength", "pattern", "enum");
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            assertThat(known).as("a keyword this check understands, at " + path).contains(it.next());
        }
        switch (schema.path("type").asText("")) {
            case "object" -> {
                assertThat(value.isObject()).as(path + " is an object").isTrue();
                Set<String> fields = new HashSet<>();
                value.fieldNames().forEachRemaining(fields::add);
                for (JsonNode required : schema.path("required")) {
                    assertThat(fields).as(path + " has its required fields").contains(required.asText());
                }
                if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
                    Set<String> allowed = new HashSet<>();
                    schema.path("properties").fieldNames().forEachRemaining(allowed::add);
                    assertThat(allowed).as(path + " has no unknown fields").containsAll(fields);
                }
                for (String field : fields) {
                    JsonNode property = schema.path("properties").path(field);
                    if (!property.isMissingNode()) {
                        assertSchema(property, value.get(field), path + "." + field);
                    }
                }
            }
            case "array" -> {
                assertThat(value.isArray()).as(path + " is an array").isTrue();
                assertThat(value.size()).as(path + " items").isGreaterThanOrEqualTo(schema.path("minItems").asInt(0));
                for (int i = 0; i < value.size(); i++) {
                    assertSchema(schema.path("items"), value.get(i), path + "[" + i + "]");
                }
            }
            case "string" -> {
                assertThat(value.isTextual()).as(path + " is a string").isTrue();
                assertThat(value.asText().length()).as(path + " length").isGreaterThanOrEqualTo(schema.path("minLength").asInt(0));
                if (schema.has("pattern")) {
                    assertThat(value.asText()).as(path).containsPattern(schema.path("pattern").asText());
                }
            }
            case "" -> assertThat(schema.has("enum")).as(path + " names a type or an enum").isTrue();
            default -> throw new AssertionError("a type this check does not know at " + path + ": " + schema.path("type"));
        }
        if (schema.has("enum")) {
            List<JsonNode> allowed = new ArrayList<>();
            schema.path("enum").forEach(allowed::add);
            assertThat(allowed).as(path + " is one of the enum").contains(value);
        }
    }

    // ---- the kernel ---------------------------------------------------------------------------

    /** Installs {@code source} on the lobby through the kernel's installer and sends it {@code args}. */
    static Kernel.Evaluation installAndSend(Kernel kernel, String selector, String source, Object... args) {
        MethodInstaller.Result installed = kernel.install(kernel.lobby(), selector, source);
        assertThat(installed.installed()).as(selector + " installs: " + installed.verdict().findings()).isTrue();
        return kernel.send(kernel.lobby(), selector, args);
    }

    // ---- the tests ----------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fibonacci | 10 | 55",
            "fibonacci | 1  | 1",
            "factorial | 10 | 3628800",
            "isPrime   | 10 | false",
            "isPrime   | 7  | true",
            "greet     | 10 | 'Hello, 10!'"})
    void aDemoSelectorsCycleGetsAPlanAndAMethodThatInstallsAndAnswers(String selector, long argument, String answer)
            throws IOException {
        Cycle cycle = cycle(brief(selector, "[" + argument + "]", "{}", "doesNotUnderstand"));
        assertThat(cycle.plan().path("goal").asText()).contains(selector);
        assertThat(cycle.plan().findValuesAsText("persona")).containsExactly("BABS", "ROBIN");
        assertThat(cycle.facets()).singleElement().asString().startsWith("BABS: Nothing in the image");

        Verdict verdict = new PersistenceGuardian().audit(cycle.source(), selector);
        assertThat(verdict.accepted()).as(verdict.findings().toString()).isTrue();
        assertThat(verdict.findings()).isEmpty();
        try (Vessel vessel = Vessel.open(images.resolve("image"), LivingImage.OpenMode.CREATE)) {
            Kernel kernel = new Kernel(vessel, "test");
            assertThat(installAndSend(kernel, selector, cycle.source(), argument).text()).isEqualTo(answer);
        }
    }

    @Test
    void greetReadsItsGreetingSlotAndDefaultsWithoutOne() throws IOException {
        String source = cycle(brief("greet", "[]", "{}", "")).source();
        try (Vessel vessel = Vessel.open(images.resolve("image"), LivingImage.OpenMode.CREATE)) {
            Kernel kernel = new Kernel(vessel, "test");
            assertThat(installAndSend(kernel, "greet", source).text()).isEqualTo("Hello, world!");
            kernel.setJson(kernel.lobby(), "greeting", "\"Good morning\"");
            assertThat(kernel.send(kernel.lobby(), "greet", "Ada").text()).isEqualTo("Good morning, Ada!");
        }
    }

    @Test
    void factorialRefusesToOverflowRatherThanAnswerAWrongNumber() throws IOException {
        String source = cycle(brief("factorial", "[10]", "{}", "")).source();
        try (Vessel vessel = Vessel.open(images.resolve("image"), LivingImage.OpenMode.CREATE)) {
            Kernel kernel = new Kernel(vessel, "test");
            assertThat(installAndSend(kernel, "factorial", source, 20L).text()).isEqualTo("2432902008176640000");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> kernel.send(kernel.lobby(), "factorial", 21L))
                    .hasStackTraceContaining("overflow");
        }
    }

    @Test
    void tallyIsRefusedForTheCovenantThenTheCorrectiveCycleCountsAndPersists() throws IOException {
        try (Vessel vessel = Vessel.open(images.resolve("image"), LivingImage.OpenMode.CREATE)) {
            Kernel kernel = new Kernel(vessel, "test");
            Map<String, String> brief = brief(kernel, kernel.lobby(), "tally", "[]");
            Cycle first = cycle(brief);
            Verdict refused = new PersistenceGuardian().audit(first.source(), "tally");
            assertThat(refused.accepted()).isFalse();
            assertThat(refused.errors()).extracting(Finding::rule).containsOnly(PersistenceGuardian.COVENANT);
            assertThat(refused.errors().get(0).message()).contains("self.markChanged()");
            MethodInstaller.Result notInstalled = kernel.install(kernel.lobby(), "tally", first.source());
            assertThat(notInstalled.installed()).isFalse();
            assertThat(kernel.describe(kernel.lobby()).own()).extracting(SlotDescription::name).doesNotContain("tally");

            // The corrective cycle: the same brief, and the block naming the refused artifact and its findings.
            brief.put("correction", correction(1, first.artifactText(), refused, METHOD_RULES));
            Cycle second = cycle(brief);
            assertThat(second.plan().path("goal").asText()).contains("tally again");
            assertThat(second.source()).isNotEqualTo(first.source()).contains("self.markChanged();");
            Verdict accepted = new PersistenceGuardian().audit(second.source(), "tally");
            assertThat(accepted.accepted()).as(accepted.findings().toString()).isTrue();
            assertThat(accepted.findings()).isEmpty();

            assertThat(installAndSend(kernel, "tally", second.source()).text()).isEqualTo("1");
            assertThat(kernel.send(kernel.lobby(), "tally").text()).isEqualTo("2");
            assertThat(kernel.get(kernel.lobby(), "count")).isEqualTo(2L);
        }
        try (Vessel reopened = Vessel.open(images.resolve("image"), LivingImage.OpenMode.EXISTING)) {
            Kernel kernel = new Kernel(reopened, "test");
            assertThat(kernel.get(kernel.lobby(), "count")).as("markChanged made the count persist").isEqualTo(2L);
            assertThat(kernel.send(kernel.lobby(), "tally").text()).isEqualTo("3");
        }
    }

    @Test
    void aCorrectivePlanPromptThatNamesTheArtifactCovenantStillGetsThePlan() throws IOException {
        // A refusal of ROBIN's JSON names the MethodArtifact covenant in the block; BRICK must still plan.
        Map<String, String> brief = brief("tally", "[]", "{}", "");
        brief.put("correction", correction(1, "{\"selector\": \"tally\"}", Verdict.of(List.of(Finding.error("artifact",
                "ROBIN's answer holds no JSON object", 0, 0))), "the MethodArtifact covenant: "
                + codex("covenants/MethodArtifact.json")));
        Completion answer = ask("BRICK", render(codex("prompts/decomposing.txt"), brief), "MissionPlan");
        JsonNode plan = JSON.readTree(answer.text());
        assertKeeps("MissionPlan", plan);
        assertThat(plan.path("goal").asText()).contains("tally again");
    }

    @Test
    void theDemoImageLearnsTheTourInOrderEachPromptNamingWhatItAlreadyKnows() throws IOException {
        // The demo image's lobby holds a greeter, and every selector taught is listed in the next
        // prompt: the newest selector must still win, and "greeter" must not read as greet.
        try (Vessel vessel = DemoImage.create(images.resolve("demo"))) {
            Kernel kernel = new Kernel(vessel, "test");
            long lobby = kernel.lobby();
            List<String> tour = List.of("fibonacci", "factorial", "isPrime", "greet", "tally");
            List<String> expected = List.of("55", "3628800", "false", "Hello, 10!", "1");
            for (int i = 0; i < tour.size(); i++) {
                String selector = tour.get(i);
                Map<String, String> brief = brief(kernel, lobby, selector, "[10]");
                for (String earlier : tour.subList(0, i)) {
                    assertThat(brief.get("inherited")).as("the prompt names what the lobby learnt").contains(earlier);
                }
                Cycle cycle = cycle(brief);
                Verdict verdict = new PersistenceGuardian().audit(cycle.source(), selector);
                if (selector.equals("tally")) {
                    assertThat(verdict.trips(PersistenceGuardian.COVENANT)).isTrue();
                    brief.put("correction", correction(1, cycle.artifactText(), verdict, METHOD_RULES));
                    cycle = cycle(brief);
                }
                assertThat(installAndSend(kernel, selector, cycle.source(), 10L).text()).as(selector)
                        .isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void aSelectorTheDemoCoreDoesNotKnowGetsJunkEvenBesideTheGreeter() throws IOException {
        try (Vessel vessel = DemoImage.create(images.resolve("demo"))) {
            Kernel kernel = new Kernel(vessel, "test");
            Map<String, String> brief = brief(kernel, kernel.lobby(), "frobnicate", "[]");
            assertThat(brief.get("slots")).contains("greeter");
            String prompt = render(codex("prompts/decomposing.txt"), brief);
            ChatRequest request = ChatRequest.of(systemPrompt("BRICK"), prompt).withPersona("BRICK");
            Completion answer = core.generate(request, GenerationParams.GREEDY.withMaxTokens(8), null).join();
            assertThat(answer.text()).isEqualTo(ScriptedModel.JUNK.repeat(8));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Please say hello|0",
            "Write the method fibonacci for me.|1",
            "#factorial please|2",
            "Is 7 prime? Write isPrime.|3"})
    void theEarlierDemoScriptsStillAnswerAsBefore(String user, int script) {
        Completion answer = core.generate(ChatRequest.of(null, user), PARAMS, null).join();
        assertThat(answer.text()).isEqualTo(ScriptedModel.DEMO_SCRIPTS.get(script).answer());
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_OF_TURN);
    }
}
