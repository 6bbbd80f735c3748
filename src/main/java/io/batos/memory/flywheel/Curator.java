package io.batos.memory.flywheel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.events.Event;
import io.batos.events.EventBus;
import io.batos.image.BlobRef;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Transaction;
import io.batos.memory.CycleDocument;
import io.batos.memory.FractalMemory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ALFRED's curation: when a mission type has enough new successes, turns their syntheses into a
 * fine-tuning dataset for the architect to review.
 *
 * <h2>What goes in</h2>
 * A cycle is a candidate when it completed, its mission type matches, no earlier dataset consumed
 * it, and the catalog kept its SYNTHESIZING exchange. When a mission type has at least the
 * threshold of candidates ({@value #THRESHOLD_KEY} in ALFRED's codex, default
 * {@value #DEFAULT_THRESHOLD}), each candidate becomes one chat example:
 * <ul>
 *   <li>system — the system prompt of the persona that synthesized (ROBIN's, from the codex now);</li>
 *   <li>user — the SYNTHESIZING prompt exactly as the model saw it;</li>
 *   <li>assistant — for a method, the artifact in the form the prompt asks for
 *       ({@code {"selector", "source", "rationale"}}) with the source <em>as installed</em> (read
 *       from the receiver's slot at the cycle's commit, falling back to the validated response);
 *       for data, the validated JSON the model answered. So the model learns the answers that
 *       passed every guardian, in the shape it is asked for.</li>
 * </ul>
 * Identical examples (same user turn and answer) become one, with every cycle as its provenance;
 * an example some earlier dataset already holds is left out. The JSONL goes to the blob store, the
 * dataset object to {@code lobby.datasets} ({@link Datasets}), both in one transaction, and a
 * {@value #TOPIC} event tells the architect ("A new dataset with N examples of successful method
 * generation is ready for review").
 *
 * <p>A pass that finds too few candidates commits nothing. One curation runs at a time.
 */
public final class Curator {
    /** The codex key of the threshold. */
    public static final String THRESHOLD_KEY = "curation_threshold";
    /** The threshold when the codex names none. */
    public static final long DEFAULT_THRESHOLD = 10;
    /** The event topic of a new dataset (DESIGN.md §10). */
    public static final String TOPIC = "dataset";
    /** The event type of a new dataset. */
    public static final String CURATED = "DATASET_CURATED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LivingImage image;
    private final FractalMemory memory;
    private final EventBus events;
    private final ReentrantLock lock = new ReentrantLock();

    public Curator(LivingImage image, FractalMemory memory, EventBus events) {
        this.image = Objects.requireNonNull(image, "image");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** What one curation made: the new datasets, oldest first (empty when nothing was due). */
    public record Result(List<Dataset> datasets) {
        public Result {
            datasets = List.copyOf(datasets);
        }

        /** The result as JSON-ready maps ({@code {datasets: [{id, missionType, examples}]}}). */
        public Map<String, Object> toMap() {
            List<Object> list = new ArrayList<>();
            for (Dataset d : datasets) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", d.id());
                m.put("missionType", d.missionType());
                m.put("examples", (long) d.examples().size());
                list.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("datasets", list);
            return out;
        }
    }

    /** Curates a dataset for every mission type with enough new successes in the catalog. */
    public Result curate() {
        lock.lock();
        try {
            return curateLocked();
        } finally {
            lock.unlock();
        }
    }

    private Result curateLocked() {
        Map<String, List<CycleDocument>> candidates = new TreeMap<>();
        long threshold;
        Set<String> consumed;
        Set<String> known;
        Map<String, String> systemPrompts = new LinkedHashMap<>();
        try (Transaction tx = image.begin("ALFRED: look for new successes to curate", "alfred")) {
            Datasets shelf = Datasets.require(tx);
            consumed = shelf.consumedCycles();
            known = shelf.exampleKeys();
            threshold = threshold(tx);
            for (String persona : List.of("BRICK", "ROBIN", "BABS", "ALFRED")) {
                systemPrompts.put(persona, String.valueOf(Personas.codex(tx, persona).getOrDefault("systemPrompt", "")));
            }
        }
        for (CycleDocument d : memory.catalogued()) {
            if ("COMPLETE".equals(d.outcome()) && d.missionType() != null && !consumed.contains(d.cycleId())
                    && d.synthesis().isPresent()) {
                candidates.computeIfAbsent(d.missionType(), k -> new ArrayList<>()).add(d);
            }
        }
        List<Dataset> made = new ArrayList<>();
        for (Map.Entry<String, List<CycleDocument>> type : candidates.entrySet()) {
            if (type.getValue().size() >= threshold) {
                assemble(type.getKey(), type.getValue(), known, systemPrompts).ifPresent(made::add);
            }
        }
        return new Result(made);
    }

    private Optional<Dataset> assemble(String missionType, List<CycleDocument> cycles, Set<String> known,
                                                 Map<String, String> systemPrompts) {
        cycles.sort(Comparator.comparing((CycleDocument d) -> String.valueOf(d.lastEvent()))
                .thenComparing(CycleDocument::cycleId));
        Map<String, Draft> byKey = new LinkedHashMap<>();
        for (CycleDocument d : cycles) {
            Map<String, Object> exchange = d.synthesis().orElseThrow();
            String user = memory.text(exchange.get("prompt"));
            String answer = answer(d, memory.text(exchange.get("response")));
            if (answer == null || user.isEmpty()) {
                continue;
            }
            String persona = exchange.get("persona") instanceof String p ? p : "ROBIN";
            ChatExample example = ChatExample.of(systemPrompts.getOrDefault(persona, ""), user, answer);
            String key = sha256(user + "\u0000" + answer);
            if (!known.contains(key)) {
                byKey.computeIfAbsent(key, k -> new Draft(example, d.selector())).cycles.add(d.cycleId());
            }
        }
        if (byKey.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder jsonl = new StringBuilder();
        List<Datasets.Entry> entries = new ArrayList<>();
        byKey.forEach((key, draft) -> {
            jsonl.append(draft.example.toJsonLine()).append('\n');
            entries.add(new Datasets.Entry(draft.example, draft.cycles, draft.selector, key));
        });
        BlobRef data = image.blobs().put(new ByteArrayInputStream(jsonl.toString().getBytes(StandardCharsets.UTF_8)));
        List<String> consumed = cycles.stream().map(CycleDocument::cycleId).toList();
        String note = "ALFRED curated a " + missionType + " dataset: " + entries.size() + " examples from "
                + consumed.size() + " cycles";
        Dataset dataset = image.inTransaction(note, "alfred", tx -> {
            Datasets shelf = Datasets.require(tx);
            if (shelf.consumedCycles().stream().anyMatch(consumed::contains)) {
                throw new ImageException(ImageException.Code.CONFLICT, "another curation took some of these cycles"
                        + " meanwhile; nothing was stored");
            }
            String id = shelf.add(missionType, Instant.now().toString(), data, entries, consumed);
            return shelf.find(id).orElseThrow();
        });
        announce(dataset);
        return Optional.of(dataset);
    }

    private void announce(Dataset dataset) {
        int n = dataset.examples().size();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("datasetId", dataset.id());
        fields.put("missionType", dataset.missionType());
        fields.put("examples", (long) n);
        fields.put("message", "A new dataset with " + n + " example" + (n == 1 ? "" : "s") + " of successful "
                + dataset.missionType() + " generation is ready for review (dataset " + dataset.id() + ")");
        events.publish(Event.of(TOPIC, CURATED, fields));
    }

    /** The assistant turn for a completed cycle, or null when none can be made. */
    private String answer(CycleDocument d, String response) {
        JsonNode parsed = jsonObject(response);
        if (!"method".equals(d.missionType())) {
            return parsed != null ? parsed.toString() : response.strip().isEmpty() ? null : response.strip();
        }
        String source = installedSource(d);
        if (source == null && parsed != null && parsed.path("source").isTextual()) {
            source = parsed.get("source").asText();
        }
        if (source == null || d.selector() == null) {
            return null;
        }
        ObjectNode artifact = JSON.createObjectNode();
        artifact.put("selector", d.selector());
        artifact.put("source", source);
        artifact.put("rationale", parsed != null && parsed.path("rationale").isTextual()
                ? parsed.get("rationale").asText() : "");
        return artifact.toString();
    }

    /** The method as the cycle's commit installed it on the receiver, or null when that cannot be read. */
    private String installedSource(CycleDocument d) {
        if (!(d.artifactOid() instanceof Long receiver) || d.transactionId() == null || d.selector() == null) {
            return null;
        }
        try {
            Map<String, Object> state = image.stateAt(receiver, d.transactionId());
            return state != null && state.get(d.selector()) instanceof MethodSource m ? m.source() : null;
        } catch (ImageException e) {
            return null; // packed away or never written: the validated response stands in
        }
    }

    /** The JSON object in a model's answer: the whole text, or the span from its first { to its last }. */
    private static JsonNode jsonObject(String text) {
        for (String candidate : new String[] {text.strip(), span(text)}) {
            if (candidate == null) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(candidate);
                if (node != null && node.isObject()) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // try the next candidate
            }
        }
        return null;
    }

    private static String span(String text) {
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        return start >= 0 && end > start ? text.substring(start, end + 1) : null;
    }

    private static long threshold(Transaction tx) {
        Object value = Personas.codex(tx, "ALFRED").get(THRESHOLD_KEY);
        return value instanceof Long n && n > 0 ? n : DEFAULT_THRESHOLD;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** An example being assembled, gathering the cycles that gave it. */
    private static final class Draft {
        final ChatExample example;
        final String selector;
        final List<String> cycles = new ArrayList<>();

        Draft(ChatExample example, String selector) {
            this.example = example;
            this.selector = selector;
        }
    }
}
