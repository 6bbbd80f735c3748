package io.batos.cognition.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model is asked: the conversation so far, which persona answers, and optionally the JSON
 * Schema its answer must follow.
 *
 * <p>The persona selects a LoRA adapter where the model core has one for it; without one the
 * base model answers under the persona's system prompt, which the caller puts into
 * {@code messages}. The schema is a hint for backends that can constrain their output (an
 * OpenAI-compatible server's {@code response_format}); the caller validates the answer either way.
 *
 * @param messages   the turns, oldest first; at least one
 * @param persona    the persona's name, or null for none
 * @param jsonSchema a JSON Schema document the answer should satisfy, or null for free text
 */
public record ChatRequest(List<ChatMessage> messages, String persona, String jsonSchema) {

    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
    }

    /** A request of one user turn, optionally after a system prompt (null or blank for none). */
    public static ChatRequest of(String system, String user) {
        return system == null || system.isBlank()
                ? new ChatRequest(List.of(ChatMessage.user(user)), null, null)
                : new ChatRequest(List.of(ChatMessage.system(system), ChatMessage.user(user)), null, null);
    }

    public ChatRequest withPersona(String name) {
        return new ChatRequest(messages, name, jsonSchema);
    }

    public ChatRequest withJsonSchema(String schema) {
        return new ChatRequest(messages, persona, schema);
    }

    public Optional<String> personaName() {
        return Optional.ofNullable(persona);
    }
}
