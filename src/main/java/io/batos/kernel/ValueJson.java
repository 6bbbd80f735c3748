package io.batos.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.BlobRef;
import io.batos.image.ImageException;
import io.batos.image.MethodSource;
import io.batos.image.ObjectRef;
import io.batos.image.Primitive;
import io.batos.object.UvmObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slot values as JSON, both ways, in the tagged forms of DESIGN.md §12.
 *
 * <p>Plain JSON maps onto plain values (integers to Long, other numbers to Double); the image's own
 * types travel as one-key objects: {@code {"$ref": 12}}, {@code {"$decimal": "1.10"}},
 * {@code {"$bytes": BASE64}}, {@code {"$blob": {"sha256": …, "size": …}}}, {@code {"$method":
 * SOURCE}}, {@code {"$primitive": NAME}}. A result that cannot persist prints as
 * {@code {"$java": toString(), "type": CLASS}} and is refused as input.
 */
public final class ValueJson {
    /** The mapper every JSON producer of the system shares. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() {
    }

    /** Encodes a value (persistable or not) as JSON. */
    @SuppressWarnings("unchecked")
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof BigDecimal decimal) {
            return tagged("$decimal", NODES.textNode(decimal.toString()));
        }
        if (value instanceof byte[] bytes) {
            return tagged("$bytes", NODES.textNode(Base64.getEncoder().encodeToString(bytes)));
        }
        if (value instanceof ObjectRef ref) {
            return tagged("$ref", NODES.numberNode(ref.oid()));
        }
        if (value instanceof UvmObject object) {
            return tagged("$ref", NODES.numberNode(object.oid()));
        }
        if (value instanceof MethodSource method) {
            return tagged("$method", NODES.textNode(method.source()));
        }
        if (value instanceof Primitive primitive) {
            return tagged("$primitive", NODES.textNode(primitive.name()));
        }
        if (value instanceof BlobRef blob) {
            ObjectNode inner = NODES.objectNode();
            inner.put("sha256", blob.sha256());
            inner.put("size", blob.size());
            return tagged("$blob", inner);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(k -> k instanceof String)) {
            ObjectNode object = NODES.objectNode();
            ((Map<String, Object>) map).forEach((k, v) -> object.set(k, toJson(v)));
            return object;
        }
        ObjectNode java = NODES.objectNode();
        java.put("$java", String.valueOf(value));
        java.put("type", value.getClass().getName());
        return java;
    }

    private static ObjectNode tagged(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(tag, value);
        return node;
    }

    /**
     * Parses JSON text into a value.
     *
     * @throws ImageException USAGE naming what was wrong (a bare word is not JSON)
     */
    public static Object parse(String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (Exception e) {
            throw new ImageException(ImageException.Code.USAGE, "not JSON: " + abbreviate(text)
                    + " (strings need quotes, e.g. '\"hello\"')");
        }
        if (node == null || node.isMissingNode()) {
            throw new ImageException(ImageException.Code.USAGE, "empty JSON value");
        }
        return fromJson(node);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }

    /** Decodes JSON into a value, reading the tagged forms. */
    public static Object fromJson(JsonNode node) {
        switch (node.getNodeType()) {
            case NULL:
                return null;
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    if (!node.canConvertToLong()) {
                        throw new ImageException(ImageException.Code.USAGE, "integer out of range: " + node.asText()
                                + " (use {\"$decimal\": \"...\"})");
                    }
                    return node.longValue();
                }
                if (node.isBigDecimal()) {
                    return node.doubleValue();
                }
                return node.doubleValue();
            case STRING:
                return node.textValue();
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(fromJson(element)));
                return list;
            case OBJECT:
                return objectFromJson(node);
            default:
                throw new ImageException(ImageException.Code.USAGE, "unsupported JSON value: " + node.getNodeType());
        }
    }

    private static Object objectFromJson(JsonNode node) {
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode value = node.get(key);
            switch (key) {
                case "$ref":
                    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                        throw new ImageException(ImageException.Code.USAGE, "$ref needs an integer oid");
                    }
                    return new ObjectRef(value.longValue());
                case "$decimal":
                    try {
                        return new BigDecimal(value.asText());
                    } catch (NumberFormatException e) {
                        throw new ImageException(ImageException.Code.USAGE, "$decimal needs a decimal number, not "
                                + value);
                    }
                case "$bytes":
                    try {
                        return Base64.getDecoder().decode(value.asText());
                    } catch (IllegalArgumentException e) {
                        throw new ImageException(ImageException.Code.USAGE, "$bytes needs base64 text");
                    }
                case "$method":
                    requireText(key, value);
                    return new MethodSource(value.textValue());
                case "$primitive":
                    requireText(key, value);
                    return new Primitive(value.textValue());
                case "$blob":
                    if (!value.isObject() || !value.has("sha256") || !value.has("size")) {
                        throw new ImageException(ImageException.Code.USAGE, "$blob needs {\"sha256\", \"size\"}");
                    }
                    try {
                        return new BlobRef(value.get("sha256").asText(), value.get("size").asLong());
                    } catch (IllegalArgumentException e) {
                        throw new ImageException(ImageException.Code.USAGE, "$blob: " + e.getMessage());
                    }
                default:
                    break;
            }
        }
        if (node.has("$java")) {
            throw new ImageException(ImageException.Code.USAGE, "a {\"$java\": …} value describes a runtime object "
                    + "and cannot be stored");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), fromJson(field.getValue()));
        }
        return map;
    }

    private static void requireText(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw new ImageException(ImageException.Code.USAGE, key + " needs a string");
        }
    }
}
