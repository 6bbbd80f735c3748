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

    private static final long HANDSHAKE_MILLIS = 1_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ZContext context = new ZContext(1);
    private final Curve curve;
    private final ZMQ.Socket socket;
    private final String endpoint;
    private long nextId = 1;

    private ImageClient(String endpoint, Curve curve, Duration timeout) {
        this.endpoint = endpoint;
        this.curve = curve;
        try {
            this.socket = open(endpoint, curve, timeout);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * Opens a connection the server has answered: a {@code ping} on a fresh socket, and on no
     * answer within a second (or, the last time, the rest of {@code timeout}) a new socket and
     * another ping. Why: JeroMQ 0.6.0 now and then leaves a fresh TCP connection dead — its first
     * message never arrives and nothing after it does either (about 1–3 % of new connections here
     * under load, with a plain ROUTER echo server too); a connection that has answered once stays
     * sound. A ping is harmless to lose, so it is what finds out.
     *
     * @throws ImageException ERROR when no server answers within {@code timeout}
     */
    private ZMQ.Socket open(String endpoint, Curve curve, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ZMQ.Socket s = context.createSocket(SocketType.DEALER);
            s.setLinger(0);
            if (curve != null) {
                s.setCurveServerKey(ZMQ.Curve.z85Decode(curve.serverKey()));
                s.setCurvePublicKey(curve.keys().publicBytes());
                s.setCurveSecretKey(curve.keys().secretBytes());
            }
            s.connect(endpoint);
            long left = (deadline - System.nanoTime()) / 1_000_000;
            ObjectNode ping = ValueJson.MAPPER.createObjectNode().put("id", "connect").put("op", "ping");
            if (left > 0 && answered(s, ping, Math.min(left, HANDSHAKE_MILLIS))) {
                return s;
            }
            s.close();
            if (System.nanoTime() >= deadline) {
                throw noReply(timeout, curve != null);
            }
        }
    }

    private static boolean answered(ZMQ.Socket s, ObjectNode ping, long millis) {
        s.send(Replies.bytes(ping), 0);
        s.setReceiveTimeOut((int) millis);
        byte[] reply = s.recv(0);
        return reply != null;
    }

    /** Connects within 10 seconds ({@link #connect(String, Curve, Duration)}). */
    public static ImageClient connect(String endpoint) {
        return connect(endpoint, null, CONNECT_TIMEOUT);
    }

    public static ImageClient connect(String endpoint, Curve curve) {
        return connect(endpoint, curve, CONNECT_TIMEOUT);
    }

    /**
     * Connects and makes sure the server answers (see {@link #open}).
     *
     * @throws ImageException ERROR when it does not within {@code timeout} (not running there, or
     *                        with CURVE, not allowing this client's key)
     */
    public static ImageClient connect(String endpoint, Curve curve, Duration timeout) {
        ImageClient client = new ImageClient(endpoint, curve, timeout);
        return client;
    }

    private ImageException noReply(Duration timeout, boolean curve) {
        return new ImageException(ImageException.Code.ERROR, "no reply from " + endpoint + " within "
                + timeout.toMillis() + " ms (is `batos serve` running there"
                + (curve ? ", and does it allow this client's key?)" : "?)"));
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
        byte[] payload = Replies.bytes(request);
        // The id as the reply will carry it: parsed from text, so 1L and 1 compare equal.
        JsonNode id = parse(payload).get("id");
        socket.send(payload, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw noReply(timeout, curve != null);
            }
            socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, left));
            byte[] answer = socket.recv(0);
            if (answer == null) {
                continue;
            }
            JsonNode reply = parse(answer);
            if (reply != null && id.equals(reply.get("id"))) {
                return reply;
            }
        }
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return ValueJson.MAPPER.readTree(payload);
        } catch (Exception e) {
            return null;
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
