package io.batos.cognition.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The JSON of OpenAI's {@code /v1/chat/completions} as llama.cpp's server, vLLM and Ollama speak
 * it: the body a {@link ChatRequest} becomes, and what is read back from answers, streamed chunks
 * and error bodies.
 *
 * <p>Kept apart from {@link OpenAiCompatibleModel} so the mapping can be read in one place: which
 * {@link GenerationParams} become which fields, where the extensions ({@code top_k},
 * {@code repetition_penalty}) are sent, and how {@code finish_reason} becomes a
 * {@link StopReason}.
 */
final class ChatCompletionsJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The name the {@code response_format} gives the schema; servers only echo it. */
    private static final String SCHEMA_NAME = "answer";

    /** Server error text is cut here: a user-facing line, not a stack trace. */
    private static final int MAX_MESSAGE = 300;

    private ChatCompletionsJson() {
    }

    /**
     * The request body.
     *
     * <p>{@code top_k} goes out only when it cuts (above 0) and {@code repetition_penalty} only
     * when it is not 1: they are extensions llama.cpp and vLLM accept, and a strict server that
     * does not know them is then still asked a plain OpenAI request. Stop strings go out only when
     * there are some (OpenAI rejects an empty list). The persona is not sent: a server has no
     * adapters of ours, and the caller has put the persona's system prompt into the messages.
     *
     * @param model  the server's model name, or null for its default
     * @param stream whether to ask for server-sent events, with usage in the last chunk
     * @param schema the parsed JSON Schema for {@code response_format}, or null for free text
     */
    static ObjectNode request(ChatRequest request, GenerationParams params, String model, boolean stream,
                              JsonNode schema) {
        ObjectNode body = MAPPER.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role().header()).put("content", message.content());
        }
        body.put("max_tokens", params.maxTokens());
        body.put("temperature", params.temperature());
        body.put("top_p", params.topP());
        body.put("seed", params.seed());
        if (!params.stopStrings().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            params.stopStrings().forEach(stop::add);
        }
        if (params.topK() > 0) {
            body.put("top_k", params.topK());
        }
        if (params.repetitionPenalty() != 1) {
            body.put("repetition_penalty", params.repetitionPenalty());
        }
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (schema != null) {
            ObjectNode format = body.putObject("response_format").put("type", "json_schema");
            format.putObject("json_schema").put("name", SCHEMA_NAME).<ObjectNode>set("schema", schema)
                    .put("strict", true);
        }
        return body;
    }

    /** Parses the request's JSON Schema, failing with one line when it is not JSON. */
    static JsonNode schema(String text) {
        try {
            JsonNode schema = MAPPER.readTree(text);
            if (schema == null || !schema.isObject()) {
                throw new ModelException("the answer's JSON Schema is not a JSON object");
            }
            return schema;
        } catch (JsonProcessingException e) {
            throw new ModelException("the answer's JSON Schema is not valid JSON: " + oneLine(e.getOriginalMessage()));
        }
    }

    /**
     * The server's own words from an error body, on one line: {@code error.message} (OpenAI,
     * llama.cpp, vLLM), {@code error} as a string (Ollama) or a top-level {@code message} (older
     * vLLM); for a body that is not such JSON, the body itself cut to a line; null when empty.
     */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode json = null;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Not JSON: a proxy's HTML page or a plain-text message; the text itself is the best we have.
        }
        if (json != null && json.isObject()) {
            JsonNode error = json.get("error");
            String message = error == null ? null
                    : error.isTextual() ? error.textValue() : text(error.get("message"));
            if (message == null) {
                message = text(json.get("message"));
            }
            if (message != null && !message.isBlank()) {
                return oneLine(message);
            }
        }
        return oneLine(body);
    }

    /**
     * Whether a 400's message blames structured output: {@code response_format},
     * {@code json_schema} or the grammar llama.cpp compiles the schema into.
     */
    static boolean blamesStructuredOutput(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("response_format") || lower.contains("json_schema") || lower.contains("grammar");
    }

    /**
     * Why a choice ended.
     *
     * <p>{@code "length"} is {@link StopReason#MAX_TOKENS}, unless the usage shows fewer tokens
     * than were allowed: then the context window ran out ({@link StopReason#CONTEXT_FULL}), which
     * is how llama.cpp reports a full context. {@code "stop"} is {@link StopReason#STOP_STRING}
     * when the server names the stop string that matched (vLLM's {@code stop_reason}, llama.cpp's
     * {@code stopping_word}); servers that do not say (llama.cpp's OpenAI endpoint, Ollama) report
     * {@link StopReason#END_OF_TURN} for both. Anything else, or none, is an end of turn.
     *
     * @param choice    the choice that carried {@code finish_reason}, or null when none did
     * @param generated the generated tokens the usage reports, or -1 when it reports none
     */
    static StopReason stopReason(JsonNode choice, int maxTokens, int generated) {
        String reason = choice == null ? null : text(choice.get("finish_reason"));
        if ("length".equals(reason)) {
            return generated >= 0 && generated < maxTokens ? StopReason.CONTEXT_FULL : StopReason.MAX_TOKENS;
        }
        if ("stop".equals(reason)) {
            String word = text(choice.get("stop_reason"));
            if (word == null) {
                word = text(choice.get("stopping_word"));
            }
            return word != null && !word.isEmpty() ? StopReason.STOP_STRING : StopReason.END_OF_TURN;
        }
        return StopReason.END_OF_TURN;
    }

    /** A count from {@code usage}, or -1 when the server left it out. */
    static int count(JsonNode usage, String field) {
        JsonNode value = usage == null ? null : usage.get(field);
        return value != null && value.canConvertToInt() ? value.intValue() : -1;
    }

    /** A string field's value; null when it is absent, JSON null or not a string. */
    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** Whitespace collapsed to single spaces and cut to a readable length. */
    static String oneLine(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "…";
    }
}
