package io.batos.cognition.llm;

/**
 * Receives the answer while it is being written, in batches rather than token by token, so a
 * listener that repaints a view is called at a human rate however fast the model is.
 *
 * <p>Called on the inference thread (or the HTTP reader thread of a server backend): hand work
 * elsewhere and return quickly. Concatenating every {@code text} gives the completion's text.
 */
@FunctionalInterface
public interface TokenListener {

    /** Ignores every batch. */
    TokenListener NONE = (text, tokens) -> { };

    /**
     * @param text   the text these tokens add (may be empty while a multi-byte character is split)
     * @param tokens how many tokens the batch holds
     */
    void onTokens(String text, int tokens);
}
