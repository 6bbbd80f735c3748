package io.batos.net;

import static io.batos.net.ServerFixture.call;
import static io.batos.net.ServerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

/**
 * Ten thousand hostile messages — random frames and bytes, oversized and deeply nested payloads,
 * every operation with fields of every wrong type — and afterwards the server still answers a
 * normal request, counted what it dropped, and the image verifies.
 */
class FuzzTest {
    static final int MESSAGES = 10_000;
    static final int MAX_BYTES = 64 * 1024;
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] OPS = {"ping", "lookup", "describe", "get", "set", "send", "install", "eval", "history",
            "cycles", "cycle", "approve", "reject", "search", "report", "datasets", "dataset", "", "PING", "get ",
            "\u0000", "drop table"};
    static final String[] FIELDS = {"target", "slot", "value", "selector", "args", "approve", "source", "code",
            "query", "cycleId", "note", "limit", "id", "op"};
    static final String[] TARGETS = {"lobby", "lobby.fuzz", "@0", "@1", "@999999999", "@-1", "@x", "", "lobby.",
            "lobby..x", "#1", "lobby.parents"};
    static final String[] SLOTS = {"f1", "f2", "fuzz", "_v_fuzz", "", "a.b", "\u00e9t\u00e9"};
    static final String[] CODE = {"return 1L + 1;", "return self;", "garbage(", "self.set(\"f1\", 7L); return 1L;",
            "while (true) { }"};
    static final String[] SOURCES = {"Object f(UvmObject self, Object... args) { return 1L; }", "not java",
            "Object f(UvmObject self, Object... args) { return new java.io.File(\"x\"); }", ""};

    @TempDir
    Path dir;

    @Test
    void tenThousandFuzzedMessagesLeaveTheServerServingAndTheImageSound() throws Exception {
        ServerFixture f = new ServerFixture(dir.resolve("image"), ServerOptions.loopback().withMaxMessageBytes(MAX_BYTES));
        try {
            f.kernel.cloneInto(f.kernel.lobby(), "fuzz");
            Random random = new Random(20261127L);
            List<ZMQ.Socket> fuzzers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ZMQ.Socket s = f.dealer();
                s.setSendTimeOut(1_000);
                fuzzers.add(s);
            }
            ZMQ.Socket bomber = f.dealer();
            bomber.setSendTimeOut(1_000);
            long start = System.nanoTime();
            int replies = 0;
            for (int i = 0; i < MESSAGES; i++) {
                List<byte[]> frames = message(random);
                // An oversized message costs its connection everything still queued on it, so one
                // socket of their own carries those and the rest reach the server.
                boolean oversized = frames.get(0).length > MAX_BYTES;
                ZMQ.Socket s = oversized ? bomber : fuzzers.get(random.nextInt(fuzzers.size()));
                for (int k = 0; k < frames.size(); k++) {
                    s.send(frames.get(k), k < frames.size() - 1 ? ZMQ.SNDMORE : 0);
                }
                if (i % 50 == 0) {
                    // Reads what came back now and then, as a real (if hostile) client would.
                    for (ZMQ.Socket r : fuzzers) {
                        while (r.recv(ZMQ.DONTWAIT) != null) {
                            replies++;
                        }
                    }
                }
            }
            // Lets the server work through what is queued before checking on it.
            for (ZMQ.Socket r : fuzzers) {
                r.setReceiveTimeOut(1_500);
                while (r.recv(0) != null) {
                    replies++;
                }
            }
            System.out.printf("FuzzTest: %d messages in %.1f s, %d replies read; %s%n", MESSAGES,
                    (System.nanoTime() - start) / 1e9, replies, f.server.stats());

            ZMQ.Socket normal = f.dealer();
            assertThat(call(normal, request("after", "ping")).path("ok").asBoolean()).isTrue();
            JsonNode set = call(normal, request("set", "set", "target", "lobby", "slot", "after", "value", "fuzz"));
            assertThat(set.path("ok").asBoolean()).as("%s", set).isTrue();
            assertThat(call(normal, request("get", "get", "target", "lobby", "slot", "after")).path("result").asText())
                    .isEqualTo("fuzz");
            ServerStats stats = f.server.stats();
            assertThat(stats.badRequests()).isPositive();
            assertThat(stats.droppedFrames()).isPositive();
            assertThat(stats.requests() + stats.droppedFrames()).isGreaterThan(MESSAGES * 9 / 10);
        } finally {
            assertThat(f.closeAndVerify().ok()).as("the image verifies after the fuzzing").isTrue();
        }
    }

    /** One hostile message: its frames (the ROUTER adds the identity). */
    private static List<byte[]> message(Random random) {
        int kind = random.nextInt(100);
        if (kind < 10) {
            return List.of(randomBytes(random, random.nextInt(200)));
        }
        if (kind < 18) {
            List<byte[]> frames = new ArrayList<>();
            int n = 2 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                frames.add(random.nextInt(3) == 0 ? new byte[0] : randomBytes(random, random.nextInt(50)));
            }
            return frames;
        }
        if (kind < 19) {
            // Larger than the server accepts: ZMQ drops the connection (the DEALER reconnects).
            return List.of(randomBytes(random, MAX_BYTES + 1 + random.nextInt(MAX_BYTES)));
        }
        if (kind < 20) {
            return List.of(("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        }
        if (kind < 30) {
            return List.of(text(randomJson(random, 3)));
        }
        byte[] request = text(randomRequest(random));
        // A DEALER that frames like REQ (an empty delimiter) must be answered like one.
        return random.nextInt(4) == 0 ? List.of(new byte[0], request) : List.of(request);
    }

    private static ObjectNode randomRequest(Random random) {
        ObjectNode r = NODES.objectNode();
        if (random.nextInt(10) > 0) {
            r.set("id", random.nextInt(3) == 0 ? randomJson(random, 1) : NODES.numberNode(random.nextInt()));
        }
        if (random.nextInt(20) > 0) {
            r.set("op", random.nextInt(10) > 0 ? NODES.textNode(OPS[random.nextInt(OPS.length)]) : randomJson(random, 1));
        }
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            String field = FIELDS[random.nextInt(FIELDS.length)];
            r.set(field, plausible(random, field));
        }
        return r;
    }

    /** Mostly the right type from a small, sometimes hostile, set; sometimes anything at all. */
    private static JsonNode plausible(Random random, String field) {
        if (random.nextInt(4) == 0) {
            return randomJson(random, 2);
        }
        return switch (field) {
            case "target" -> NODES.textNode(TARGETS[random.nextInt(TARGETS.length)]);
            case "slot" -> NODES.textNode(SLOTS[random.nextInt(SLOTS.length)]);
            case "selector" -> NODES.textNode(random.nextBoolean() ? "clone" : "fuzz" + random.nextInt(3));
            case "code" -> NODES.textNode(CODE[random.nextInt(CODE.length)]);
            case "source" -> NODES.textNode(SOURCES[random.nextInt(SOURCES.length)]);
            case "approve" -> NODES.booleanNode(random.nextBoolean());
            case "limit" -> NODES.numberNode(random.nextInt(10) - 2);
            case "args" -> {
                ArrayNode a = NODES.arrayNode();
                a.add(randomJson(random, 1));
                yield a;
            }
            default -> randomJson(random, 2);
        };
    }

    private static JsonNode randomJson(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 4 -> NODES.textNode(randomText(random));
            case 5 -> NODES.numberNode(new java.math.BigInteger(100, random));
            case 6 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomJson(random, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                String[] tags = {"$ref", "$decimal", "$bytes", "$blob", "$method", "$primitive", "$java", "k"};
                for (int i = random.nextInt(3); i > 0; i--) {
                    o.set(tags[random.nextInt(tags.length)], randomJson(random, depth - 1));
                }
                yield o;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            b.appendCodePoint(random.nextInt(3) == 0 ? random.nextInt(0x2FFFF) : 32 + random.nextInt(95));
        }
        return b.toString();
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] text(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
