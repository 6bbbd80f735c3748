package io.batos.cognition.llm;

import java.util.List;
import java.util.Objects;

/**
 * How to pick tokens and when to stop.
 *
 * <p>A temperature of 0 means greedy decoding (top-k, top-p and the seed are then irrelevant).
 * Otherwise logits are divided by the temperature, cut to the {@code topK} most likely tokens
 * (0: no cut) and to the smallest set whose probability reaches {@code topP} (1: no cut), and a
 * token is drawn with a generator seeded by {@code seed}, so the same request gives the same
 * answer. A repetition penalty above 1 divides positive logits (multiplies negative ones) of every
 * token already in the prompt or the answer, as in the CTRL paper and Hugging Face. Generation
 * stops at the model's end-of-turn tokens, at any of {@code stopStrings} (not included in the
 * text), or after {@code maxTokens}.
 */
public record GenerationParams(int maxTokens, double temperature, int topK, double topP,
                               double repetitionPenalty, long seed, List<String> stopStrings) {

    /** Greedy decoding of at most 256 tokens, no penalty, no stop strings. */
    public static final GenerationParams GREEDY = new GenerationParams(256, 0, 0, 1, 1, 0, List.of());

    public GenerationParams {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, not " + maxTokens);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be 0 or more, not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be 0 (off) or more, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], not " + topP);
        }
        if (!(repetitionPenalty > 0)) {
            throw new IllegalArgumentException("repetitionPenalty must be positive, not " + repetitionPenalty);
        }
        stopStrings = List.copyOf(Objects.requireNonNull(stopStrings, "stopStrings"));
        if (stopStrings.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a stop string cannot be empty");
        }
    }

    public boolean greedy() {
        return temperature == 0;
    }

    public GenerationParams withMaxTokens(int n) {
        return new GenerationParams(n, temperature, topK, topP, repetitionPenalty, seed, stopStrings);
    }

    /** Sampling at {@code t} with the given seed (keeps top-k, top-p and the penalty). */
    public GenerationParams withSampling(double t, long newSeed) {
        return new GenerationParams(maxTokens, t, topK, topP, repetitionPenalty, newSeed, stopStrings);
    }

    public GenerationParams withTopK(int k) {
        return new GenerationParams(maxTokens, temperature, k, topP, repetitionPenalty, seed, stopStrings);
    }

    public GenerationParams withTopP(double p) {
        return new GenerationParams(maxTokens, temperature, topK, p, repetitionPenalty, seed, stopStrings);
    }

    public GenerationParams withRepetitionPenalty(double penalty) {
        return new GenerationParams(maxTokens, temperature, topK, topP, penalty, seed, stopStrings);
    }

    public GenerationParams withStopStrings(List<String> stops) {
        return new GenerationParams(maxTokens, temperature, topK, topP, repetitionPenalty, seed, stops);
    }
}
