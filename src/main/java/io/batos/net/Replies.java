package io.batos.net;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.code.RejectedException;
import io.batos.cognition.llm.ModelException;
import io.batos.guardian.DataCovenantException;
import io.batos.image.ImageException;
import io.batos.kernel.ValueJson;
import io.batos.kernel.VerdictJson;
import io.batos.object.DoesNotUnderstandException;
import java.nio.charset.StandardCharsets;

/**
 * The two reply shapes of DESIGN §10 as bytes: {@code {"id", "ok": true, "result"}} and
 * {@code {"id", "ok": false, "error": {"code", "message", …}}}, with the error words of §12.
 *
 * <p>Every failure becomes a reply, whatever threw it: an {@link ImageException} keeps its code,
 * anything else is {@code error} with its type and message, so a client always learns something
 * and the server never dies of a request. Errors that carry findings keep them:
 * {@code error.verdict} for a refused method or a broken data covenant, {@code error.cycleId} and
 * {@code error.findings} for a cycle that could not answer.
 */
public final class Replies {
    private Replies() {
    }

    public static byte[] ok(JsonNode id, JsonNode result) {
        ObjectNode reply = ValueJson.MAPPER.createObjectNode();
        reply.set("id", id == null ? NullNode.getInstance() : id);
        reply.put("ok", true);
        reply.set("result", result == null ? NullNode.getInstance() : result);
        return bytes(reply);
    }

    public static byte[] error(JsonNode id, ImageException.Code code, String message) {
        return bytes(errorNode(id, code, message));
    }

    /** The error reply for whatever a handler threw. */
    public static byte[] failure(JsonNode id, Throwable failure) {
        if (failure instanceof ImageException image) {
            ObjectNode reply = errorNode(id, image.code(), oneLine(image.getMessage()));
            ObjectNode error = (ObjectNode) reply.get("error");
            if (failure instanceof RejectedException rejected && rejected.verdict() != null) {
                error.set("verdict", VerdictJson.toJson(rejected.verdict()));
            } else if (failure instanceof DataCovenantException covenant && covenant.verdict() != null) {
                error.set("verdict", VerdictJson.toJson(covenant.verdict()));
            } else if (failure instanceof DoesNotUnderstandException dnu && dnu.cycleId() != null) {
                error.put("cycleId", dnu.cycleId());
                ArrayNode findings = error.putArray("findings");
                dnu.findings().forEach(findings::add);
            }
            return bytes(reply);
        }
        String message = failure.getMessage();
        String text = failure instanceof ModelException ? oneLine(message)
                : failure.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
        return error(id, ImageException.Code.ERROR, text);
    }

    /** An error reply with room for more fields in {@code error}. */
    static ObjectNode errorNode(JsonNode id, ImageException.Code code, String message) {
        ObjectNode reply = ValueJson.MAPPER.createObjectNode();
        reply.set("id", id == null ? NullNode.getInstance() : id);
        reply.put("ok", false);
        ObjectNode error = reply.putObject("error");
        error.put("code", code.word());
        error.put("message", message == null ? code.word() : message);
        return reply;
    }

    static byte[] bytes(JsonNode reply) {
        try {
            return ValueJson.MAPPER.writeValueAsBytes(reply);
        } catch (JsonProcessingException e) {
            // Only a broken node could get here; the client still gets a well-formed reply.
            return ("{\"id\":null,\"ok\":false,\"error\":{\"code\":\"error\",\"message\":\"cannot encode the reply\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
