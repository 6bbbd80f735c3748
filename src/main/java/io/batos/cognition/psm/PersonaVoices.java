package io.batos.cognition.psm;

import io.batos.code.MethodRuntime;
import io.batos.cognition.llm.ChatMessage;
import io.batos.cognition.llm.ChatRequest;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.LanguageModel;
import io.batos.events.EventBus;
import io.batos.image.MethodSource;
import io.batos.image.Transaction;
import io.batos.memory.CycleDocument;
import io.batos.memory.FractalMemory;
import io.batos.memory.Hit;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How the state machine speaks to the model: each persona's system prompt and the state's template
 * from the codex, filled with the mission brief (and a correction's flawed artifact and findings),
 * sent with the covenant's JSON Schema when an artifact is expected.
 *
 * <p>Every wait for the model is given back to the waiting send's time budget. While the model
 * writes, its output streams to the bus on topic {@code tokens} ({@link TokenStream}); every
 * question and answer is kept on the cycle ({@link CognitiveCycle#exchanges()}).
 */
final class PersonaVoices {
    private static final GenerationParams PARAMS = GenerationParams.GREEDY.withMaxTokens(1024);

    /** How many past successes BABS brings from Fractal Memory. */
    static final int REMEMBERED = 2;

    private final ObjectSpace space;
    private final Supplier<CompletableFuture<LanguageModel>> model;
    private final EventBus events;
    private final Supplier<FractalMemory> memory;

    PersonaVoices(ObjectSpace space, Supplier<CompletableFuture<LanguageModel>> model, EventBus events,
                  Supplier<FractalMemory> memory) {
        this.space = space;
        this.model = model;
        this.events = events;
        this.memory = memory;
    }

    String ask(CognitiveCycle c, String persona, String prompt, String covenant) {
        return MethodRuntime.waitOutsideBudget(askAsync(c, persona, prompt, covenant));
    }

    CompletableFuture<String> askAsync(CognitiveCycle c, String persona, String prompt, String covenant) {
        String system = String.valueOf(Codex.entry(space.lobby(c.tx), persona).getOrDefault("systemPrompt", ""));
        String schema = covenant == null ? null : covenantText(covenant);
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system(system), ChatMessage.user(prompt)), persona,
                schema == null || schema.isEmpty() ? null : schema);
        c.lastPrompt = prompt;
        String state = c.state;
        int question = c.asked(new PersonaExchange(state, persona, prompt, null, Instant.now()));
        TokenStream stream = new TokenStream(events, c.id(), persona, state);
        // Both the generation and the answer are tracked: cancelling the cycle stops the model and
        // fails the wait, even while the model is still loading.
        CompletableFuture<String> answer = model.get()
                .thenCompose(m -> c.track(m.generate(request, PARAMS, stream)))
                .whenComplete(stream::end)
                .thenApply(Completion::text)
                .whenComplete((text, e) -> {
                    c.lastResponse = text;
                    if (text != null) {
                        c.answered(question, text);
                    }
                });
        return c.track(answer);
    }

    String prompt(CognitiveCycle c, String name, Map<String, String> extra) {
        String template = Codex.prompt(space.lobby(c.tx), name)
                .orElseThrow(() -> new IllegalStateException("the codex has no prompt '" + name + "'"));
        MissionBrief b = c.brief();
        Map<String, String> values = new HashMap<>();
        values.put("selector", b.selector() == null ? "" : b.selector());
        values.put("receiver", "@" + b.receiver());
        values.put("arguments", b.argumentsJson());
        values.put("slots", b.slotsJson());
        values.put("inherited", String.join(", ", b.inherited()));
        values.put("description", b.description() == null ? "" : b.description());
        values.put("covenant", b.covenant() == null ? "" : b.covenant());
        values.put("correction", b.depth() == 0 ? "" : correctionBlock(c));
        values.putAll(extra);
        return Prompts.render(template, values);
    }

    String correctionBlock(CognitiveCycle c) {
        MissionBrief b = c.brief();
        String template = Codex.prompt(space.lobby(c.tx), "correction").orElse("Correction {{depth}}.");
        return Prompts.render(template, Map.of("depth", String.valueOf(b.depth()),
                "flawedArtifact", b.flawedArtifact() == null ? "" : b.flawedArtifact(),
                "findings", String.join("\n", b.findings()), "rules", b.rules()));
    }

    /**
     * What the image already has that may help, for BABS: up to three methods the receiver has, then
     * how past cycles that completed the same selector answered (Fractal Memory, the
     * {@value #REMEMBERED} best-ranked) — the blueprint's skill library.
     */
    String examples(CognitiveCycle c) {
        if (!c.brief().isMethod()) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        UvmObject receiver = space.object(c.tx, c.brief().receiver());
        int shown = 0;
        for (String slot : receiver.slotNames()) {
            if (receiver.get(slot) instanceof MethodSource m && shown++ < 3) {
                out.append(m.source()).append("\n");
            }
        }
        for (String past : remembered(c.brief().selector())) {
            out.append("A past cycle that completed ").append(c.brief().selector()).append(" answered:\n")
                    .append(past).append("\n");
        }
        return out.length() == 0 ? "(none)" : out.toString().strip();
    }

    /** The answers of past cycles that completed {@code selector}, best first; empty when memory cannot say. */
    private List<String> remembered(String selector) {
        FractalMemory fractal = memory.get();
        if (fractal == null || selector == null || !selector.matches("[A-Za-z][A-Za-z0-9_]*")) {
            return List.of();
        }
        try {
            List<String> answers = new java.util.ArrayList<>();
            for (Hit hit : fractal.search().search("selector:" + selector + " AND outcome:COMPLETE", REMEMBERED)) {
                fractal.document(hit.cycleId()).flatMap(CycleDocument::synthesis)
                        .map(exchange -> fractal.text(exchange.get("response"))).filter(text -> !text.isBlank())
                        .ifPresent(answers::add);
            }
            return answers;
        } catch (RuntimeException e) {
            return List.of(); // memory is a help, never a reason for a cycle to fail
        }
    }

    String covenantText(String name) {
        try (Transaction tx = space.image().begin("read covenant", "psm")) {
            return Codex.covenant(space.lobby(tx), name).orElse("");
        }
    }

}
