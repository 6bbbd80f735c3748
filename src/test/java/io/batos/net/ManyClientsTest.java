package io.batos.net;

import static io.batos.net.ServerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

/**
 * Many clients at once over real sockets: every reply reaches the client that asked, none is lost
 * and none is crossed — and a client that floods the server does not starve its neighbours.
 */
class ManyClientsTest {
    static final int DEALERS = 50;
    static final int REQUESTS = 200;
    static final int WINDOW = 8;
    static final int REQS = 10;
    static final int REQ_REQUESTS = 50;

    @TempDir
    Path dir;
    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir.resolve("image"), ServerOptions.loopback().withLimits(4, 200));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /**
     * 50 DEALERs × 200 random requests, up to 8 in flight each, beside 10 REQ clients: each reply
     * carries its client's id prefix, each request is answered exactly once, and each client's
     * {@code get} of its own slot sees exactly the value its own last {@code set} wrote — which a
     * crossed reply, or quick requests run out of order, would break.
     */
    @Test
    void fiftyDealersAndTenReqClientsEachGetTheirOwnRepliesAndNoneIsLost() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(DEALERS + REQS);
        long start = System.nanoTime();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < DEALERS; c++) {
                int client = c;
                done.add(threads.submit((Callable<Integer>) () -> dealerClient(client)));
            }
            for (int c = 0; c < REQS; c++) {
                int client = c;
                done.add(threads.submit((Callable<Integer>) () -> reqClient(client)));
            }
            int answered = 0;
            for (Future<Integer> d : done) {
                answered += d.get(120, TimeUnit.SECONDS);
            }
            assertThat(answered).isEqualTo(DEALERS * REQUESTS + REQS * REQ_REQUESTS);
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("ManyClientsTest: %d requests from %d clients in %.2f s (%.0f/s); %s%n",
                DEALERS * REQUESTS + REQS * REQ_REQUESTS, DEALERS + REQS, seconds,
                (DEALERS * REQUESTS + REQS * REQ_REQUESTS) / seconds, f.server.stats());
        assertThat(f.server.stats().undeliverable()).isZero();
        assertThat(f.server.stats().overflowed()).isZero();
        assertThat(f.closeAndVerify().ok()).isTrue();
    }

    private int dealerClient(int client) {
        Random random = new Random(client);
        String slot = "c" + client;
        try (ZMQ.Socket s = f.dealer()) {
            s.setReceiveTimeOut(60_000);
            Map<String, Long> expected = new HashMap<>();
            boolean[] answered = new boolean[REQUESTS];
            long lastSet = Long.MIN_VALUE;
            int sent = 0;
            int received = 0;
            while (received < REQUESTS) {
                while (sent < REQUESTS && sent - received < WINDOW) {
                    String id = client + ":" + sent;
                    ObjectNode r;
                    int kind = random.nextInt(10);
                    if (sent == 0 || kind < 1) {
                        lastSet = random.nextLong();
                        r = request(id, "set", "target", "lobby", "slot", slot, "value", lastSet);
                    } else if (kind < 5) {
                        r = request(id, "get", "target", "lobby", "slot", slot);
                        expected.put(id, lastSet);
                    } else if (kind < 7) {
                        r = request(id, "ping");
                    } else if (kind < 8) {
                        r = request(id, "lookup", "target", "lobby");
                    } else if (kind < 9) {
                        r = request(id, "describe", "target", "lobby");
                    } else {
                        r = request(id, "get", "target", "lobby", "slot", "missing" + client);
                    }
                    s.send(ServerFixture.bytes(r), 0);
                    sent++;
                }
                JsonNode reply = ServerFixture.receive(s);
                String id = reply.path("id").asText();
                String[] parts = id.split(":");
                assertThat(parts[0]).as("a reply for client %d carries another client's id: %s", client, reply)
                        .isEqualTo(String.valueOf(client));
                int seq = Integer.parseInt(parts[1]);
                assertThat(answered[seq]).as("request %s answered twice", id).isFalse();
                answered[seq] = true;
                received++;
                if (expected.containsKey(id)) {
                    assertThat(reply.path("ok").asBoolean()).as("%s", reply).isTrue();
                    assertThat(reply.path("result").asLong()).as("client %d's own slot in %s", client, reply)
                            .isEqualTo(expected.get(id));
                } else if (reply.path("ok").asBoolean()) {
                    assertThat(reply.has("result")).isTrue();
                } else {
                    assertThat(reply.path("error").path("code").asText()).as("%s", reply).isEqualTo("not-found");
                }
            }
            s.setReceiveTimeOut(100);
            assertThat(s.recv(0)).as("an extra reply for client %d", client).isNull();
            assertThat(answered).containsOnly(true);
            return received;
        }
    }

    private int reqClient(int client) {
        try (ZMQ.Socket s = f.req()) {
            s.setReceiveTimeOut(60_000);
            for (int i = 0; i < REQ_REQUESTS; i++) {
                String id = "req" + client + ":" + i;
                ObjectNode r = i % 2 == 0 ? request(id, "ping") : request(id, "lookup", "target", "lobby");
                s.send(ServerFixture.bytes(r), 0);
                JsonNode reply = ServerFixture.receive(s);
                assertThat(reply.path("id").asText()).isEqualTo(id);
                assertThat(reply.path("ok").asBoolean()).isTrue();
            }
            return REQ_REQUESTS;
        }
    }

    /**
     * One client pipelines thousands of requests without reading a reply; a neighbour's lock-step
     * requests keep being answered in the meantime, and the flood beyond the per-client queue is
     * refused at once with an error reply rather than queued without bound.
     */
    @Test
    void aFloodingClientDoesNotStarveItsNeighbour() {
        ZMQ.Socket flooder = f.dealer();
        flooder.setSendTimeOut(0);
        int flood = 5_000;
        int sentFlood = 0;
        for (int i = 0; i < flood; i++) {
            if (flooder.send(ServerFixture.bytes(request("f" + i, "describe", "target", "lobby")), ZMQ.DONTWAIT)) {
                sentFlood++;
            }
        }
        ZMQ.Socket neighbour = f.dealer();
        long[] latencies = new long[50];
        for (int i = 0; i < latencies.length; i++) {
            long t0 = System.nanoTime();
            JsonNode reply = ServerFixture.call(neighbour, request(i, i % 2 == 0 ? "ping" : "lookup", "target", "lobby"));
            latencies[i] = System.nanoTime() - t0;
            assertThat(reply.path("ok").asBoolean()).as("%s", reply).isTrue();
            assertThat(reply.path("id").asInt()).isEqualTo(i);
        }
        Arrays.sort(latencies);
        System.out.printf("aFloodingClientDoesNotStarveItsNeighbour: flood %d sent; neighbour latency median %.2f ms,"
                        + " max %.2f ms; %s%n", sentFlood, latencies[latencies.length / 2] / 1e6,
                latencies[latencies.length - 1] / 1e6, f.server.stats());
        // The flooder reads its replies at last. Each request it got through had one reply: read
        // here, or dropped (and counted) when its queue towards the flooder was full — the server
        // never waits for a client that does not read.
        flooder.setReceiveTimeOut(1_500);
        int ok = 0;
        int refused = 0;
        for (byte[] payload; (payload = flooder.recv(0)) != null; ) {
            JsonNode reply = ServerFixture.parse(payload);
            if (reply.path("ok").asBoolean()) {
                ok++;
            } else {
                assertThat(reply.path("error").path("message").asText()).contains("too many requests waiting");
                refused++;
            }
        }
        ServerStats stats = f.server.stats();
        assertThat(ok + refused + stats.undeliverable()).isEqualTo(sentFlood);
        assertThat(stats.replies() + stats.undeliverable()).isEqualTo(stats.requests());
        assertThat(stats.overflowed()).isPositive();
    }
}
