package io.batos.cognition.llm;

import java.util.Objects;

/**
 * Gathers streamed text into batches for a {@link TokenListener}: a batch goes out when it holds
 * {@code maxTokens} tokens or when {@code maxDelayNanos} have passed since the last one went out,
 * and whatever is left goes out at {@link #flush()}.
 *
 * <p>A fast model produces hundreds of tokens a second; a view that repaints per token floods the
 * JavaFX thread. One batcher serves one generation and is used by one thread.
 */
public final class TokenBatcher {
    /** Default: at most 16 tokens or 50 ms per batch — twenty repaints a second at most. */
    public static final int DEFAULT_MAX_TOKENS = 16;
    public static final long DEFAULT_MAX_DELAY_NANOS = 50_000_000L;

    private final TokenListener target;
    private final int maxTokens;
    private final long maxDelayNanos;
    private final StringBuilder text = new StringBuilder();
    private int tokens;
    private long lastEmit = System.nanoTime();

    public TokenBatcher(TokenListener target) {
        this(target, DEFAULT_MAX_TOKENS, DEFAULT_MAX_DELAY_NANOS);
    }

    public TokenBatcher(TokenListener target, int maxTokens, long maxDelayNanos) {
        this.target = Objects.requireNonNull(target, "target");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1");
        }
        this.maxTokens = maxTokens;
        this.maxDelayNanos = maxDelayNanos;
    }

    /** Adds the text of {@code count} tokens; may hand a batch to the listener. */
    public void add(String delta, int count) {
        text.append(delta);
        tokens += count;
        if (tokens >= maxTokens || System.nanoTime() - lastEmit >= maxDelayNanos) {
            flush();
        }
    }

    /** Hands whatever is gathered to the listener (nothing when empty). */
    public void flush() {
        if (tokens == 0 && text.length() == 0) {
            return;
        }
        String batch = text.toString();
        int count = tokens;
        text.setLength(0);
        tokens = 0;
        lastEmit = System.nanoTime();
        target.onTokens(batch, count);
    }
}
