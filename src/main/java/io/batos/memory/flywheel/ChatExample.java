package io.batos.memory.flywheel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One fine-tuning example in chat format — the line {@code {"messages": [{"role", "content"}, …]}}
 * that Hugging Face TRL, OpenAI-style fine-tuning and most trainers read.
 *
 * <p>Curated examples are exactly three turns, system, user and assistant; an edited one may be any
 * well-formed conversation ending with the assistant, which is what a trainer learns to say.
 * {@link #parse} checks that shape with a one-line reason; the JSON Schema
 * {@code schemas/chat-example.json} says the same for tools outside the project, and exports are
 * validated against it.
 */
public record ChatExample(List<Turn> messages) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    /** One message: a role ({@code system}, {@code user}, {@code assistant}) and its text. */
    public record Turn(String role, String content) {
        public Turn {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    public ChatExample {
        messages = List.copyOf(messages);
        if (messages.isEmpty() || !messages.get(messages.size() - 1).role().equals("assistant")) {
            throw new IllegalArgumentException("a chat example ends with the assistant's turn");
        }
    }

    /** The three-turn example curation makes. */
    public static ChatExample of(String system, String user, String assistant) {
        return new ChatExample(List.of(new Turn("system", system), new Turn("user", user),
                new Turn("assistant", assistant)));
    }

    /** The assistant's (last) turn. */
    public String assistant() {
        return messages.get(messages.size() - 1).content();
    }

    /** The user's last turn, or empty text when there is none. */
    public String user() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** The same conversation with another assistant turn at the end. */
    public ChatExample withAssistant(String text) {
        List<Turn> turns = new ArrayList<>(messages);
        turns.set(turns.size() - 1, new Turn("assistant", text));
        return new ChatExample(turns);
    }

    /** One JSONL line, without its newline. */
    public String toJsonLine() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("messages");
        for (Turn t : messages) {
            array.addObject().put("role", t.role()).put("content", t.content());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * Whether a text is meant as a whole example — a JSON object with a {@code messages} field —
     * rather than, say, an answer that is itself JSON (a method artifact is).
     */
    public static boolean isExample(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            return root != null && root.isObject() && root.has("messages");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Reads one example.
     *
     * @throws ImageException USAGE naming what is wrong when the text is not a chat example
     */
    public static ChatExample parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ImageException(ImageException.Code.USAGE, "not a chat example: not JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.path("messages").isArray()) {
            throw new ImageException(ImageException.Code.USAGE,
                    "not a chat example: expected {\"messages\": [{\"role\": …, \"content\": …}, …]}");
        }
        List<Turn> turns = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.get("messages")) {
            i++;
            String role = m.path("role").isTextual() ? m.get("role").asText() : null;
            if (role == null || !ROLES.contains(role) || !m.path("content").isTextual()) {
                throw new ImageException(ImageException.Code.USAGE, "not a chat example: message " + i
                        + " needs a role (system, user or assistant) and a string content");
            }
            turns.add(new Turn(role, m.get("content").asText()));
        }
        if (turns.isEmpty() || !turns.get(turns.size() - 1).role().equals("assistant")) {
            throw new ImageException(ImageException.Code.USAGE,
                    "not a chat example: the last message must be the assistant's");
        }
        if (turns.stream().noneMatch(t -> t.role().equals("user"))) {
            throw new ImageException(ImageException.Code.USAGE, "not a chat example: it has no user message");
        }
        return new ChatExample(turns);
    }
}
