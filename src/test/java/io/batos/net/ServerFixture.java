package io.batos.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.LivingImage;
import io.batos.image.VerifyReport;
import io.batos.kernel.Kernel;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A real image served on loopback (free ports) plus raw ZMQ sockets to talk to it, for tests that
 * assert what goes over the wire: every test here speaks real sockets, none calls the server's
 * internals.
 */
final class ServerFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final Path dir;
    final Vessel vessel;
    final Kernel kernel;
    final ImageServer server;
    final ZContext zmq = new ZContext(1);
    private boolean closed;

    ServerFixture(Path dir) {
        this(dir, ServerOptions.loopback());
    }

    ServerFixture(Path dir, ServerOptions options) {
        this.dir = dir;
        this.vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        this.kernel = new Kernel(vessel, "test");
        try {
            this.server = ImageServer.start(new Kernel(vessel, "net"), options);
        } catch (RuntimeException e) {
            vessel.close();
            throw e;
        }
    }

    /** A DEALER connected to the server, the connection proven by a ping ({@link #proven}). */
    ZMQ.Socket dealer() {
        return proven(SocketType.DEALER);
    }

    /** A REQ socket connected to the server, likewise proven. */
    ZMQ.Socket req() {
        return proven(SocketType.REQ);
    }

    /**
     * A socket whose connection has answered a ping. JeroMQ 0.6.0 now and then leaves a fresh TCP
     * connection dead (its first message never arrives, nor anything after); {@link ImageClient}
     * guards against it the same way, so the tests' own requests never meet it.
     */
    private ZMQ.Socket proven(SocketType type) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ZMQ.Socket s = zmq.createSocket(type);
            s.setLinger(0);
            s.setReceiveTimeOut(1_000);
            s.connect(server.endpoint());
            s.send(bytes(request("connect", "ping")), 0);
            if (s.recv(0) != null) {
                s.setReceiveTimeOut((int) WAIT.toMillis());
                return s;
            }
            zmq.destroySocket(s);
        }
        throw new AssertionError("no connection to " + server.endpoint() + " answered a ping");
    }

    /** A SUB socket on the event endpoint, subscribed to {@code topics} (all when none). */
    ZMQ.Socket sub(String... topics) {
        ZMQ.Socket s = zmq.createSocket(SocketType.SUB);
        s.setLinger(0);
        s.connect(server.eventsEndpoint());
        if (topics.length == 0) {
            s.subscribe(new byte[0]);
        }
        for (String t : topics) {
            s.subscribe(t.getBytes(StandardCharsets.UTF_8));
        }
        return s;
    }

    static ObjectNode request(Object id, String op, Object... fields) {
        ObjectNode r = ValueJson.MAPPER.createObjectNode();
        r.set("id", ValueJson.MAPPER.valueToTree(id));
        r.put("op", op);
        for (int i = 0; i < fields.length; i += 2) {
            r.set((String) fields[i], ValueJson.MAPPER.valueToTree(fields[i + 1]));
        }
        return r;
    }

    static byte[] bytes(JsonNode node) {
        return Replies.bytes(node);
    }

    static JsonNode parse(byte[] payload) {
        try {
            return ValueJson.MAPPER.readTree(payload);
        } catch (Exception e) {
            throw new AssertionError("reply is not JSON: " + new String(payload, StandardCharsets.UTF_8), e);
        }
    }

    /** Sends one request on a DEALER and answers the reply (failing on timeout). */
    static JsonNode call(ZMQ.Socket dealer, JsonNode request) {
        dealer.send(bytes(request), 0);
        return receive(dealer);
    }

    static JsonNode receive(ZMQ.Socket socket) {
        byte[] payload = socket.recv(0);
        if (payload == null) {
            throw new AssertionError("no reply within the socket's timeout; threads:\n" + threads());
        }
        return parse(payload);
    }

    /** Where every server thread stands, for a timeout's message. */
    static String threads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("batos-") || t.getName().startsWith("reaper") || t.getName().startsWith("iothread")) {
                out.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return out.toString();
    }

    /** Reads one event ([topic, json]) or null when none came within {@code millis}. */
    static JsonNode event(ZMQ.Socket sub, int millis) {
        sub.setReceiveTimeOut(millis);
        byte[] topic = sub.recv(0);
        if (topic == null) {
            return null;
        }
        byte[] json = sub.recv(0);
        JsonNode event = parse(json);
        if (!event.path("topic").asText().equals(new String(topic, StandardCharsets.UTF_8))) {
            throw new AssertionError("topic frame " + new String(topic, StandardCharsets.UTF_8) + " but payload " + event);
        }
        return event;
    }

    /** Events read until none comes for {@code quietMillis}. */
    static List<JsonNode> events(ZMQ.Socket sub, int quietMillis) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e; (e = event(sub, quietMillis)) != null; ) {
            out.add(e);
        }
        return out;
    }

    /** Closes the server and the image, then verifies the image as `batos image verify` would. */
    VerifyReport closeAndVerify() {
        close();
        try (Vessel v = Vessel.openReadOnly(dir)) {
            return v.image().verify();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        System.out.println("server stats: " + server.stats());
        try {
            server.close();
            zmq.close();
        } finally {
            vessel.close();
        }
    }
}
