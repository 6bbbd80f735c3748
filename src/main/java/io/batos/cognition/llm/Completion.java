package io.batos.cognition.llm;

import java.util.Objects;

/**
 * A finished answer with the figures that tell how it went.
 *
 * @param text               the generated text (stop strings and end-of-turn tokens excluded)
 * @param tokenIds           the generated token ids (empty for a backend that does not report them)
 * @param promptTokens       tokens in the formatted prompt
 * @param generatedTokens    tokens generated, the end-of-turn token included
 * @param stopReason         why it ended
 * @param timeToFirstTokenMs milliseconds from the start of the call to the first generated token
 * @param tokensPerSecond    generated tokens per second after the first one (0 when fewer than two)
 * @param device             where it ran ({@code cpu}, {@code cuda:0}, or a server's URL)
 */
public record Completion(String text, int[] tokenIds, int promptTokens, int generatedTokens, StopReason stopReason,
                         double timeToFirstTokenMs, double tokensPerSecond, String device) {

    public Completion {
        Objects.requireNonNull(text, "text");
        tokenIds = tokenIds == null ? new int[0] : tokenIds.clone();
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(device, "device");
    }

    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }
}
