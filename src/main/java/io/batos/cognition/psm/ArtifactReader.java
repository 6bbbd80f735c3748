package io.batos.cognition.psm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's answer as the JSON object it should be (DESIGN §8): the whole text when it is
 * JSON, else the first {@code ```json} fenced block, else the first {@code {...}} span; for a
 * method mission a {@code ```java} block alone is taken as the source.
 */
final class ArtifactReader {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```(json|java)?\\s*\\n(.*?)```", Pattern.DOTALL);

    private ArtifactReader() {
    }

    /** The JSON object in {@code answer}, if there is one. */
    static Optional<JsonNode> json(String answer) {
        String text = answer.strip();
        Optional<JsonNode> whole = parse(text);
        if (whole.isPresent()) {
            return whole;
        }
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            if (!"java".equals(m.group(1))) {
                Optional<JsonNode> fenced = parse(m.group(2).strip());
                if (fenced.isPresent()) {
                    return fenced;
                }
            }
        }
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        return open >= 0 && close > open ? parse(text.substring(open, close + 1)) : Optional.empty();
    }

    /** The first {@code ```java} block's body, if any. */
    static Optional<String> javaBlock(String answer) {
        Matcher m = FENCE.matcher(answer);
        while (m.find()) {
            if ("java".equals(m.group(1))) {
                return Optional.of(m.group(2).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> parse(String text) {
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A JSON value as the image's plain values: strings, longs, doubles, booleans, lists, maps. */
    static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> map.put(f.getKey(), plain(f.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asText();
    }

}
