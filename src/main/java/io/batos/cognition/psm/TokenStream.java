package io.batos.cognition.psm;

import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.TokenBatcher;
import io.batos.cognition.llm.TokenListener;
import io.batos.events.Event;
import io.batos.events.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the model as it is written, published for whoever watches a cycle think: batches
 * of text as {@code TOKENS} events on topic {@value Orchestrator#TOKENS_TOPIC}, then one
 * {@code GENERATION_END} with the completion's figures.
 *
 * <p>Why a {@link TokenBatcher} here although the models batch already: the contract of
 * {@link TokenListener} is a promise about human rates that a model may keep loosely (a server
 * streams a chunk per token, a test model hands over everything at once), and what leaves here
 * crosses to the workbench and the ZMQ subscribers; so the rate is bounded where it is published.
 * Why not topic {@code psm}: the audit log writes every {@code psm} event, and fragments of text
 * are for watching, not for the cycle's biography.
 *
 * <p>Every event carries {@code cycle_id}, {@code persona}, {@code state}, {@code text} (the batch;
 * empty at the end), {@code tokens} (in the batch; in the whole answer at the end) and
 * {@code tokensPerSecond} (after the first token; null until it can be told). The model calls
 * {@link #onTokens} on its inference thread and the cycle calls {@link #end} on whichever thread
 * completes the generation, so both are synchronized.
 */
final class TokenStream implements TokenListener {
    static final String TOKENS = "TOKENS";
    static final String GENERATION_END = "GENERATION_END";

    private final EventBus events;
    private final String cycleId;
    private final String persona;
    private final String state;
    private final TokenBatcher batcher = new TokenBatcher(this::publish);
    private long firstNanos = -1;
    private long firstCount;
    private long total;

    TokenStream(EventBus events, String cycleId, String persona, String state) {
        this.events = events;
        this.cycleId = cycleId;
        this.persona = persona;
        this.state = state;
    }

    @Override
    public synchronized void onTokens(String text, int tokens) {
        if (firstNanos < 0) {
            firstNanos = System.nanoTime();
            firstCount = tokens;
        }
        total += tokens;
        batcher.add(text, tokens);
    }

    /** Hands on what is gathered and says the answer is written (or why not: {@code failure}). */
    synchronized void end(Completion completion, Throwable failure) {
        batcher.flush();
        Map<String, Object> fields = fields("", completion == null ? total : completion.generatedTokens(),
                completion == null ? rate() : Double.valueOf(completion.tokensPerSecond()));
        if (failure != null) {
            fields.put("error", Orchestrator.shortMessage(failure));
        }
        events.publish(Event.of(Orchestrator.TOKENS_TOPIC, GENERATION_END, fields));
    }

    private void publish(String text, int tokens) {
        events.publish(Event.of(Orchestrator.TOKENS_TOPIC, TOKENS, fields(text, tokens, rate())));
    }

    /** Tokens per second since the first one, or null while too few have come to tell. */
    private Double rate() {
        double seconds = (System.nanoTime() - firstNanos) / 1e9;
        return firstNanos < 0 || total <= firstCount || seconds <= 0 ? null : (total - firstCount) / seconds;
    }

    private Map<String, Object> fields(String text, long tokens, Double tokensPerSecond) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("cycle_id", cycleId);
        fields.put("persona", persona);
        fields.put("state", state);
        fields.put("text", text);
        fields.put("tokens", tokens);
        fields.put("tokensPerSecond", tokensPerSecond);
        return fields;
    }
}
