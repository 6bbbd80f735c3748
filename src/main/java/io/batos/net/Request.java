package io.batos.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.batos.image.ImageException;
import io.batos.kernel.ValueJson;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as the server read it: {@code {"id": any, "op": string, …fields}}.
 *
 * <p>The accessors name the field and what it should have been whenever a client got it wrong, so
 * every malformed request earns a {@code usage} reply that says how to fix it, and no handler ever
 * sees a missing or mistyped field.
 *
 * @param id   the client's id, echoed in the reply ({@code null} when it sent none)
 * @param op   the operation
 * @param body the whole request object
 */
public record Request(JsonNode id, String op, JsonNode body) {

    /**
     * Reads a request from its JSON text.
     *
     * @throws BadRequest when it is not JSON, not an object, or has no string {@code op}; the
     *                    exception carries the id when one could be read, so the reply can name it
     */
    public static Request parse(byte[] payload) {
        JsonNode node;
        try {
            node = ValueJson.MAPPER.readTree(payload);
        } catch (Exception e) {
            throw new BadRequest(NullNode.getInstance(), "malformed JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw new BadRequest(NullNode.getInstance(), "empty request (send {\"id\": 1, \"op\": \"ping\"})");
        }
        if (!node.isObject()) {
            throw new BadRequest(NullNode.getInstance(), "a request is a JSON object, not " + kind(node));
        }
        JsonNode id = node.has("id") ? node.get("id") : NullNode.getInstance();
        JsonNode op = node.get("op");
        if (op == null) {
            throw new BadRequest(id, "missing field 'op'");
        }
        if (!op.isTextual()) {
            throw new BadRequest(id, "field 'op' must be a string, not " + kind(op));
        }
        return new Request(id, op.textValue(), node);
    }

    /** A required string field. */
    public String text(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw usage("missing field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw usage("field '" + field + "' must be a string, not " + kind(value));
        }
        return value.textValue();
    }

    /** An optional string field, or null. */
    public String optionalText(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : text(field);
    }

    /** An optional boolean field, false when absent. */
    public boolean flag(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw usage("field '" + field + "' must be true or false, not " + kind(value));
        }
        return value.booleanValue();
    }

    /** An optional non-negative integer field, or {@code fallback}. */
    public int count(String field, int fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw usage("field '" + field + "' must be a whole number of 0 or more, not " + value);
        }
        return value.intValue();
    }

    /** A required field holding any JSON value (§12 forms), decoded. */
    public Object value(String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw usage("missing field '" + field + "' (any JSON value; null is written as null)");
        }
        return ValueJson.fromJson(value);
    }

    /** An optional JSON array field decoded element by element (§12 forms); empty when absent. */
    public List<Object> values(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw usage("field '" + field + "' must be a JSON array, not " + kind(value));
        }
        List<Object> out = new ArrayList<>(value.size());
        value.forEach(element -> out.add(ValueJson.fromJson(element)));
        return out;
    }

    private static ImageException usage(String message) {
        return new ImageException(ImageException.Code.USAGE, message);
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    /** A request too broken to reach its operation; its reply is a {@code usage} error. */
    public static final class BadRequest extends ImageException {
        private final transient JsonNode id;

        BadRequest(JsonNode id, String message) {
            super(Code.USAGE, message);
            this.id = id;
        }

        /** The id the request carried, or JSON null. */
        public JsonNode id() {
            return id;
        }
    }
}
