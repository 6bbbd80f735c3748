package io.batos.testing;

import io.batos.cognition.llm.ChatMessage;
import io.batos.cognition.llm.ChatRequest;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.ModelDescription;
import io.batos.cognition.llm.StopReason;
import io.batos.cognition.llm.TokenListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A test double for the large language model that cannot run here: answers are scripted per
 * marker word of the state's prompt ({@code MissionPlan} for BRICK's plans, {@code MethodArtifact}
 * for ROBIN's methods, anything else for a delegated facet), consumed in order, the last one
 * repeating. It answers on its own thread, like a real model, and records every request.
 */
public final class ScriptedLanguageModel implements LanguageModel {
    private final Map<String, Deque<String>> answers = new ConcurrentHashMap<>();
    private final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scripted-model");
        t.setDaemon(true);
        return t;
    });
    private volatile CountDownLatch gate;

    /** Answers {@code marker}'s prompts with these texts in order; the last repeats. */
    public ScriptedLanguageModel on(String marker, String... texts) {
        answers.put(marker, new ArrayDeque<>(List.of(texts)));
        return this;
    }

    /** A plan with one BABS facet and ROBIN's step. */
    public static String plan(String selector) {
        return "{\"goal\": \"teach the receiver " + selector + "\", \"steps\": [{\"persona\": \"BABS\", \"task\": \"find"
                + " similar methods\"}, {\"persona\": \"ROBIN\", \"task\": \"write " + selector + "\"}]}";
    }

    /** A MethodArtifact answer for {@code source}. */
    public static String artifact(String selector, String source) {
        return "{\"selector\": \"" + selector + "\", \"source\": " + com.fasterxml.jackson.databind.node.TextNode
                .valueOf(source).toString() + ", \"rationale\": \"it does what was asked\"}";
    }

    /** Holds every answer until {@link #open()} (to keep cycles in flight). */
    public ScriptedLanguageModel hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many requests had {@code marker} in their last turn. */
    public long count(String marker) {
        return requests().stream().filter(r -> last(r).contains(marker)).count();
    }

    @Override
    public CompletableFuture<Completion> generate(ChatRequest request, GenerationParams params, TokenListener listener) {
        requests.add(request);
        return CompletableFuture.supplyAsync(() -> {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String text = answerFor(last(request));
            if (listener != null) {
                listener.onTokens(text, 1);
            }
            return new Completion(text, new int[0], 10, 1, StopReason.END_OF_TURN, 1, 1, "scripted");
        }, thread);
    }

    private String answerFor(String prompt) {
        for (String marker : List.of("MissionPlan", "MethodArtifact")) {
            if (prompt.contains(marker)) {
                Deque<String> queue = answers.get(marker);
                if (queue == null || queue.isEmpty()) {
                    return "I have nothing to say.";
                }
                synchronized (queue) {
                    return queue.size() > 1 ? queue.poll() : queue.peek();
                }
            }
        }
        return "BABS found nothing similar.";
    }

    private static String last(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        return messages.get(messages.size() - 1).content();
    }

    @Override
    public ModelDescription description() {
        return new ModelDescription("scripted test model", "test", "test", "", false);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
