package io.batos.cognition.llm;

import java.util.concurrent.CompletableFuture;

/**
 * A model that answers chats: the cognitive core's one interface, whatever runs behind it.
 *
 * <p>{@link #generate} never blocks its caller: the work runs on the model's own executor (one
 * inference thread per device for an embedded model), never on the JavaFX thread, a ZMQ thread or
 * while the caller holds an image lock (blueprint VULN-03, BUG-05). Cancelling the returned future
 * stops generation within one decode step; a model that cannot answer (a broken file, a server
 * that went away) completes the future exceptionally with a {@link ModelException} whose message
 * is one line for the user.
 */
public interface LanguageModel extends AutoCloseable {

    /**
     * Starts answering {@code request}; the text streams to {@code listener} in batches and the
     * future completes with the whole {@link Completion}.
     */
    CompletableFuture<Completion> generate(ChatRequest request, GenerationParams params, TokenListener listener);

    /** What this model is and where it runs, for status lines and {@code model info}. */
    ModelDescription description();

    /** Releases the session or connection; pending and later calls fail. */
    @Override
    void close();
}
