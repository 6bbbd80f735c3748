package io.batos.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageException;
import io.batos.kernel.ValueJson;
import java.time.Duration;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A blocking client of an {@link ImageServer}, one request at a time, for scripts
 * ({@code batos client}) and tests.
 *
 * <p>It speaks DEALER, so a reply that comes too late for one call cannot confuse the next: each
 * request carries a fresh numeric id and replies with any other id are skipped. Not thread-safe
 * (it owns a ZMQ socket); give each thread its own client.
 */
public final class ImageClient implements AutoCloseable {
    /**
     * What a client needs to speak CURVE.
     *
     * @param serverKey the server's public key (Z85)
     * @param keys      the client's own pair, whose public key the server's allow-list must hold
     */
    public record Curve(String serverKey, CurveKeys.KeyPair keys) {
    }

    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket socket;
    private final String endpoint;
    private long nextId = 1;

    private ImageClient(String endpoint, Curve curve) {
        this.endpoint = endpoint;
        socket = context.createSocket(SocketType.DEALER);
        socket.setLinger(0);
        if (curve != null) {
            socket.setCurveServerKey(ZMQ.Curve.z85Decode(curve.serverKey()));
            socket.setCurvePublicKey(curve.keys().publicBytes());
            socket.setCurveSecretKey(curve.keys().secretBytes());
        }
        socket.connect(endpoint);
    }

    /** Connects (ZMQ connects lazily: an absent server shows as a timeout on the first call). */
    public static ImageClient connect(String endpoint) {
        return new ImageClient(endpoint, null);
    }

    public static ImageClient connect(String endpoint, Curve curve) {
        return new ImageClient(endpoint, curve);
    }

    /** A request object with a fresh id and {@code op}, for the caller to add fields to. */
    public ObjectNode request(String op) {
        ObjectNode request = ValueJson.MAPPER.createObjectNode();
        request.put("id", nextId++);
        request.put("op", op);
        return request;
    }

    /**
     * Sends a request (given an id if it has none) and waits for the reply with the same id.
     *
     * @return the whole reply, {@code ok} true or false
     * @throws ImageException ERROR when no reply arrives within {@code timeout}
     */
    public JsonNode call(ObjectNode request, Duration timeout) {
        if (!request.has("id")) {
            request.put("id", nextId++);
        }
        JsonNode id = request.get("id");
        socket.send(Replies.bytes(request), 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new ImageException(ImageException.Code.ERROR, "no reply from " + endpoint + " within "
                        + timeout.toMillis() + " ms (is `batos serve` running there"
                        + (socket.getCurveServerKey() != null ? ", and does it allow this client's key?)" : "?)"));
            }
            socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, left));
            byte[] payload = socket.recv(0);
            if (payload == null) {
                continue;
            }
            JsonNode reply;
            try {
                reply = ValueJson.MAPPER.readTree(payload);
            } catch (Exception e) {
                continue;
            }
            if (reply != null && id.equals(reply.get("id"))) {
                return reply;
            }
        }
    }

    /** {@link #call} for an operation with fields, answering the {@code result} or throwing the error as an {@link ImageException}. */
    public JsonNode result(ObjectNode request, Duration timeout) {
        JsonNode reply = call(request, timeout);
        if (reply.path("ok").asBoolean(false)) {
            return reply.get("result");
        }
        JsonNode error = reply.path("error");
        throw new ImageException(code(error.path("code").asText("error")), error.path("message").asText("failed"));
    }

    /** The §12 code of an error word ({@code error} for a word this build does not know). */
    public static ImageException.Code code(String word) {
        for (ImageException.Code c : ImageException.Code.values()) {
            if (c.word().equals(word)) {
                return c;
            }
        }
        return ImageException.Code.ERROR;
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        context.close();
    }
}
