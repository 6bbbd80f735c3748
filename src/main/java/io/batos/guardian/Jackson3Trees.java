package io.batos.guardian;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Copies a JSON tree of the system's Jackson (2.x, {@code com.fasterxml}) into the Jackson 3
 * ({@code tools.jackson}) tree that the JSON Schema validator reads.
 *
 * <p>Why a copy and not text: the two Jacksons live side by side under different packages (the
 * validator's 3.x line is built on Jackson 3), and a tree copy keeps every number exactly as it was
 * (a long stays a long, a decimal its digits; NaN, which JSON text cannot carry, stays a number)
 * without printing and re-parsing.
 */
final class Jackson3Trees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Jackson3Trees() {
    }

    /** The same tree, node for node; binary becomes base64 text, a missing node null. */
    static tools.jackson.databind.JsonNode copy(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    object.set(field.getKey(), copy(field.getValue()));
                }
                return object;
            case ARRAY:
                ArrayNode array = NODES.arrayNode(node.size());
                node.forEach(element -> array.add(copy(element)));
                return array;
            case STRING:
                return NODES.stringNode(node.textValue());
            case BOOLEAN:
                return NODES.booleanNode(node.booleanValue());
            case NUMBER:
                return number(node);
            case BINARY:
                return NODES.stringNode(Base64.getEncoder().encodeToString(binary(node)));
            case POJO:
                return NODES.stringNode(node.asText());
            case NULL:
            case MISSING:
            default:
                return NODES.nullNode();
        }
    }

    private static tools.jackson.databind.JsonNode number(JsonNode node) {
        if (node.isInt() || node.isShort()) {
            return NODES.numberNode(node.intValue());
        }
        if (node.isLong()) {
            return NODES.numberNode(node.longValue());
        }
        if (node.isBigInteger()) {
            return NODES.numberNode(node.bigIntegerValue());
        }
        if (node.isBigDecimal()) {
            return NODES.numberNode(node.decimalValue());
        }
        if (node.isFloat()) {
            return NODES.numberNode(node.floatValue());
        }
        return NODES.numberNode(node.doubleValue());
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
