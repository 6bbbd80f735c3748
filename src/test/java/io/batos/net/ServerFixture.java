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

    /** A DEALER connected to the server. */
    ZMQ.Socket dealer() {
        ZMQ.Socket s = zmq.createSocket(SocketType.DEALER);
        s.setLinger(0);
        s.setReceiveTimeOut((int) WAIT.toMillis());
        s.connect(server.endpoint());
        return s;
    }

    /** A REQ socket connected to the server. */
    ZMQ.Socket req() {
        ZMQ.Socket s = zmq.createSocket(SocketType.REQ);
        s.setLinger(0);
        s.setReceiveTimeOut((int) WAIT.toMillis());
        s.connect(server.endpoint());
        return s;
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
            throw new AssertionError("no reply within the socket's timeout");
        }
        return parse(payload);
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
        try {
            server.close();
            zmq.close();
        } finally {
            vessel.close();
        }
    }
}
