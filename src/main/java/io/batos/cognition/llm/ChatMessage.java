package io.batos.cognition.llm;

import java.util.Objects;

/**
 * One turn of a conversation: who speaks and what they say.
 *
 * @param role    the speaker
 * @param content the text of the turn, never null
 */
public record ChatMessage(Role role, String content) {

    /** The speakers of a Llama 3 chat, with the header names the format writes. */
    public enum Role {
        SYSTEM("system"), USER("user"), ASSISTANT("assistant");

        private final String header;

        Role(String header) {
            this.header = header;
        }

        /** The name written between {@code <|start_header_id|>} and {@code <|end_header_id|>}. */
        public String header() {
            return header;
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
