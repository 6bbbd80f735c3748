package io.batos.cognition.llm;

/** Why a generation ended; {@link #word()} is the form in JSON ({@code generate --json}). */
public enum StopReason {
    /** The model ended its turn ({@code <|eot_id|>} or another end-of-sequence id). */
    END_OF_TURN("eos"),
    /** One of the request's stop strings appeared. */
    STOP_STRING("stop"),
    /** {@code maxTokens} were generated. */
    MAX_TOKENS("length"),
    /** The model's context window is full. */
    CONTEXT_FULL("context"),
    /** The caller cancelled. */
    CANCELLED("cancelled");

    private final String word;

    StopReason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
