package io.batos.guardian;

import com.networknt.schema.Error;
import io.batos.code.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the validator's errors into {@link Finding}s that a person — or a language model in a
 * corrective cycle — can act on: each message starts with the JSON Pointer of the offending value
 * and says what is wrong there.
 *
 * <p>Why rewrite some messages: the validator reports a missing or an unknown property at the
 * object that holds it ({@code ""}, the root), which leaves a reader to find which one. Here the
 * pointer names the property itself ({@code /steps: required property 'steps' is missing}), an
 * unknown property lists the allowed ones, and an {@code enum} says what it got. Other keywords keep
 * the validator's words, behind the pointer. The root of the document is written {@code (root)},
 * because its pointer is the empty string.
 */
final class DataFindings {
    /** Findings kept per verdict: enough to act on, few enough for a prompt. */
    static final int LIMIT = 50;

    private DataFindings() {
    }

    /** The findings for a validation's errors, in the validator's order, at most {@link #LIMIT}. */
    static List<Finding> of(List<Error> errors, tools.jackson.databind.JsonNode document) {
        List<Finding> findings = new ArrayList<>();
        for (Error error : errors) {
            if (findings.size() == LIMIT) {
                findings.add(Finding.error(DataGuardian.RULE, "… and " + (errors.size() - LIMIT)
                        + " more problems of the same data", 0, 0));
                break;
            }
            findings.add(Finding.error(DataGuardian.RULE, message(error, document), 0, 0));
        }
        return findings;
    }

    private static String message(Error error, tools.jackson.databind.JsonNode document) {
        String at = error.getInstanceLocation().toString();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        String property = error.getProperty();
        switch (keyword) {
            case "required":
                if (property != null) {
                    return at + "/" + escape(property) + ": required property '" + property + "' is missing";
                }
                break;
            case "additionalProperties":
            case "unevaluatedProperties":
                if (property != null) {
                    return at + "/" + escape(property) + ": property '" + property + "' is not allowed here"
                            + allowed(error, document);
                }
                break;
            case "enum":
                if (error.getSchemaNode() != null && error.getInstanceNode() != null) {
                    return place(at) + ": must be one of " + error.getSchemaNode() + ", not "
                            + error.getInstanceNode();
                }
                break;
            default:
                break;
        }
        return place(at) + ": " + oneLine(error.getMessage());
    }

    /** {@code " (allowed: goal, steps)"} from the schema object that refused the property. */
    private static String allowed(Error error, tools.jackson.databind.JsonNode document) {
        try {
            var keyword = error.getSchemaLocation().getFragment();
            var holder = keyword.getParent();
            tools.jackson.databind.JsonNode schema = holder == null || holder.getNameCount() == 0 ? document
                    : document.at(holder.toString());
            tools.jackson.databind.JsonNode properties = schema == null ? null : schema.get("properties");
            if (properties == null || !properties.isObject() || properties.isEmpty()) {
                return "";
            }
            return " (allowed: " + String.join(", ", properties.propertyNames()) + ")";
        } catch (RuntimeException e) {
            // a schema location the document cannot answer: the finding is still right without the list
            return "";
        }
    }

    private static String place(String pointer) {
        return pointer.isEmpty() ? "(root)" : pointer;
    }

    /** A property name as a JSON Pointer segment (RFC 6901: {@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** Any message on one line, the way findings are printed. */
    static String oneLine(String message) {
        return message == null ? "invalid" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code ARRAY} → {@code "an array"}: a JSON node type as words. */
    static String kind(String nodeType) {
        String word = nodeType.toLowerCase(Locale.ROOT);
        return (word.matches("[aeiou].*") ? "an " : "a ") + word;
    }
}
