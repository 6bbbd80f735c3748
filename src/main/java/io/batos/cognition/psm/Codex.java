package io.batos.cognition.psm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batos.image.ObjectRef;
import io.batos.object.UvmObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The personas' codex: who BRICK, ROBIN, BABS and ALFRED are, the prompt of each state, the data
 * covenants and the approval policy — seeded from {@code resources/codex/} into the image at
 * genesis, and read from the image ever after, so the architect edits them like any other data.
 *
 * <p>In the image: {@code lobby.personas.<NAME>} is a persona object whose {@code codex} slot is a
 * map {@code {identity, mission, voice, systemPrompt, prompts: {state: template}}}; ALFRED's codex
 * also holds {@code data_covenants} (covenant name → JSON Schema text), {@code approval_policy}
 * ({@code always}, {@code on-findings} or {@code never}), {@code max_correction_depth} and
 * {@code curation_threshold}.
 */
public final class Codex {
    public static final String PERSONAS_SLOT = "personas";
    public static final String CODEX_SLOT = "codex";
    public static final String COVENANTS = "data_covenants";
    public static final String APPROVAL_POLICY = "approval_policy";
    public static final String MAX_CORRECTION_DEPTH = "max_correction_depth";
    /** How many new successes of a mission type make ALFRED curate a dataset (see memory.flywheel.Curator). */
    public static final String CURATION_THRESHOLD = "curation_threshold";
    public static final List<String> PERSONAS = List.of("BRICK", "ROBIN", "BABS", "ALFRED");
    public static final List<String> COVENANT_NAMES = List.of("MissionPlan", "MethodArtifact", "PersonaConfig");
    /** The prompt templates, by the state (or role) that uses them, and the persona that speaks. */
    static final Map<String, String> PROMPTS = Map.of("decomposing", "BRICK", "delegating", "BABS",
            "synthesizing", "ROBIN", "synthesizing-data", "ROBIN", "correction", "ALFRED");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Codex() {
    }

    /** The seed text of a file under {@code resources/codex/}. */
    public static String seed(String path) {
        try (InputStream in = Codex.class.getResourceAsStream("/codex/" + path)) {
            if (in == null) {
                throw new IllegalStateException("this build lacks its codex resource /codex/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A persona's seed codex entry, with the prompts that persona speaks. */
    static Map<String, Object> seedEntry(String persona) {
        Map<String, Object> entry = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(seed("personas/" + persona + ".json"));
            node.fields().forEachRemaining(f -> entry.put(f.getKey(), f.getValue().asText()));
            Map<String, Object> prompts = new LinkedHashMap<>();
            PROMPTS.forEach((state, speaker) -> {
                if (speaker.equals(persona)) {
                    prompts.put(state, seed("prompts/" + state + ".txt"));
                }
            });
            entry.put("prompts", new java.util.TreeMap<>(prompts));
            if (persona.equals("ALFRED")) {
                Map<String, Object> covenants = new LinkedHashMap<>();
                for (String name : COVENANT_NAMES) {
                    covenants.put(name, seed("covenants/" + name + ".json"));
                }
                entry.put(COVENANTS, covenants);
                JsonNode policy = JSON.readTree(seed("policy.json"));
                entry.put(APPROVAL_POLICY, policy.path(APPROVAL_POLICY).asText("always"));
                entry.put(MAX_CORRECTION_DEPTH, policy.path(MAX_CORRECTION_DEPTH).asLong(2));
                entry.put("trial_run", policy.path("trial_run").asBoolean(true));
                entry.put(CURATION_THRESHOLD, policy.path(CURATION_THRESHOLD).asLong(10));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entry;
    }

    /** The persona object named {@code persona} in the image, if genesis made it. */
    public static Optional<UvmObject> persona(UvmObject lobby, String persona) {
        if (!(lobby.get(PERSONAS_SLOT) instanceof ObjectRef personasRef)) {
            return Optional.empty();
        }
        UvmObject personas = lobby.resolve(personasRef);
        return personas.get(persona) instanceof ObjectRef ref ? Optional.of(personas.resolve(ref)) : Optional.empty();
    }

    /** A persona's codex map as the image holds it now (empty when missing). */
    public static Map<String, Object> entry(UvmObject lobby, String persona) {
        return persona(lobby, persona).map(p -> p.get(CODEX_SLOT)).filter(Map.class::isInstance)
                .map(Codex::stringKeys).orElse(Map.of());
    }

    /** The JSON Schema text of a data covenant in ALFRED's codex, if there is one by that name. */
    public static Optional<String> covenant(UvmObject lobby, String name) {
        Object covenants = entry(lobby, "ALFRED").get(COVENANTS);
        if (covenants instanceof Map<?, ?> map && map.get(name) instanceof String schema) {
            return Optional.of(schema);
        }
        return Optional.empty();
    }

    /** A prompt template, from the codex of the persona that speaks it. */
    public static Optional<String> prompt(UvmObject lobby, String state) {
        String speaker = PROMPTS.get(state);
        if (speaker == null) {
            return Optional.empty();
        }
        Object prompts = entry(lobby, speaker).get("prompts");
        return prompts instanceof Map<?, ?> map && map.get(state) instanceof String text ? Optional.of(text)
                : Optional.empty();
    }

    private static Map<String, Object> stringKeys(Object map) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
