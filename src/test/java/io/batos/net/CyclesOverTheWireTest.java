package io.batos.net;

import static io.batos.net.ServerFixture.call;
import static io.batos.net.ServerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.kernel.PsmTest;
import io.batos.kernel.SendScope;
import io.batos.testing.ScriptedLanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

/**
 * Cognitive cycles through the server, with a scripted model held until the test releases it: a
 * send that starts a cycle answers when the cycle ends while every other client is served
 * meanwhile; approval is asked for and given over the wire; and commits and cycles arrive as
 * events on the PUB socket.
 */
class CyclesOverTheWireTest {
    @TempDir
    Path dir;
    ServerFixture f;
    ScriptedLanguageModel model;
    ZMQ.Socket events;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir.resolve("image"));
        model = new ScriptedLanguageModel().on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
                .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", PsmTest.FIB));
        f.vessel.cognitiveCore().attach(model);
        events = f.sub();
        awaitSubscription();
    }

    @AfterEach
    void stop() {
        model.open();
        f.close();
    }

    /** PUB drops what is published before a subscription arrives: commit until an event gets through. */
    private void awaitSubscription() {
        ZMQ.Socket d = f.dealer();
        for (int i = 0; i < 100; i++) {
            call(d, request(i, "set", "target", "lobby", "slot", "warmup", "value", i));
            if (ServerFixture.event(events, 100) != null) {
                ServerFixture.events(events, 200);
                return;
            }
        }
        throw new AssertionError("no event reached the subscriber");
    }

    @Test
    void aSendThatStartsACycleAnswersWhenItEndsWhileOtherClientsAreServed() throws Exception {
        model.hold();
        ZMQ.Socket sender = f.dealer();
        sender.send(ServerFixture.bytes(request("teach", "send", "target", "lobby", "selector", "fibonacci",
                "args", List.of(10), "approve", true)), 0);
        ZMQ.Socket other = f.dealer();
        JsonNode cycles = awaitCycles(other, list -> list.size() == 1);
        String cycleId = cycles.get(0).path("cycleId").asText();
        assertThat(cycles.get(0).path("finished").asBoolean()).isFalse();
        assertThat(cycles.get(0).path("selector").asText()).isEqualTo("fibonacci");

        // While the model is held, another client's pings and reads keep being answered.
        long[] latencies = new long[200];
        for (int i = 0; i < latencies.length; i++) {
            long t0 = System.nanoTime();
            JsonNode reply = call(other, i % 4 == 0 ? request(i, "get", "target", "lobby", "slot", "warmup")
                    : request(i, "ping"));
            latencies[i] = System.nanoTime() - t0;
            assertThat(reply.path("ok").asBoolean()).as("%s", reply).isTrue();
        }
        Arrays.sort(latencies);
        System.out.printf("pings during a held cycle: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                latencies[100] / 1e6, latencies[197] / 1e6, latencies[199] / 1e6);
        sender.setReceiveTimeOut(0);
        assertThat(sender.recv(0)).as("the send answered before its cycle could end").isNull();
        JsonNode detail = call(other, request("c", "cycle", "cycleId", cycleId)).path("result");
        assertThat(detail.path("outcome").isNull()).isTrue();

        model.open();
        sender.setReceiveTimeOut((int) ServerFixture.WAIT.toMillis());
        JsonNode answer = ServerFixture.receive(sender);
        assertThat(answer.path("id").asText()).isEqualTo("teach");
        assertThat(answer.path("ok").asBoolean()).as("%s", answer).isTrue();
        assertThat(answer.path("result").path("value").asLong()).isEqualTo(55);
        JsonNode done = call(other, request("d", "cycle", "cycleId", cycleId)).path("result");
        assertThat(done.path("outcome").path("complete").asBoolean()).as("%s", done).isTrue();
        assertThat(done.path("verdict").path("accepted").asBoolean()).isTrue();

        // The cycle's transitions came as psm events, ending with its commit.
        List<JsonNode> seen = ServerFixture.events(events, 500);
        List<String> psm = seen.stream().filter(e -> e.path("topic").asText().equals("psm"))
                .filter(e -> e.path("fields").path("cycle_id").asText().equals(cycleId))
                .map(e -> e.path("type").asText()).toList();
        assertThat(psm).contains("STATE_TRANSITION", "ARTIFACT_GENERATED", "VALIDATION_SUCCESS", "CYCLE_COMPLETE");
        JsonNode complete = seen.stream().filter(e -> e.path("type").asText().equals("CYCLE_COMPLETE")).findFirst()
                .orElseThrow();
        assertThat(complete.path("fields").path("transaction_id").asLong()).isPositive();
    }

    @Test
    void aCommitArrivesAsATxEvent() {
        ZMQ.Socket d = f.dealer();
        long txId = call(d, request(1, "set", "target", "lobby", "slot", "answer", "value", 42)).path("result")
                .path("txId").asLong();
        JsonNode event = ServerFixture.events(events, 500).stream()
                .filter(e -> e.path("topic").asText().equals("tx")).reduce((a, b) -> b).orElseThrow();
        assertThat(event.path("type").asText()).isEqualTo("COMMIT");
        assertThat(event.path("fields").path("txId").asLong()).isEqualTo(txId);
        assertThat(event.path("fields").path("origin").asText()).isEqualTo("net");
        assertThat(event.path("fields").path("oids").get(0).asLong()).isEqualTo(f.kernel.lobby());
        assertThat(event.path("time").asText()).isNotBlank();
    }

    @Test
    void withoutApprovalASendThatNeedsACycleIsRefusedAndNothingStarts() {
        ZMQ.Socket d = f.dealer();
        long before = f.vessel.image().lastTx();
        JsonNode reply = call(d, request(1, "send", "target", "lobby", "selector", "fibonacci", "args", List.of(5)));
        assertThat(reply.path("error").path("code").asText()).as("%s", reply).isEqualTo("needs-approval");
        assertThat(f.vessel.image().lastTx()).isEqualTo(before);
        assertThat(call(d, request(2, "cycles")).path("result")).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    /**
     * A cycle parked for the architect (started here by a caller that can show a verdict queue, as
     * the workbench can) is seen, approved and rejected over the wire; the verdict topic carries
     * the queue's changes.
     */
    @Test
    void parkedCyclesAreApprovedAndRejectedOverTheWire() throws Exception {
        ZMQ.Socket verdicts = f.sub("verdict");
        ZMQ.Socket d = f.dealer();
        CompletableFuture<String> rejected = parkedSend();
        JsonNode parked = awaitCycles(d, list -> list.size() == 1 && list.get(0).path("awaitingApproval").asBoolean())
                .get(0);
        JsonNode no = call(d, request(1, "reject", "cycleId", parked.path("cycleId").asText(), "note", "not today"));
        assertThat(no.path("result").path("complete").asBoolean(true)).as("%s", no).isFalse();
        assertThat(no.path("result").path("reason").asText()).contains("not today");
        assertThat(rejected.handle((v, e) -> e).get(20, TimeUnit.SECONDS)).hasMessageContaining("not today");
        JsonNode again = call(d, request(2, "approve", "cycleId", parked.path("cycleId").asText()));
        assertThat(again.path("error").path("code").asText()).isEqualTo("usage");

        CompletableFuture<String> approved = parkedSend();
        JsonNode second = awaitCycles(d, list -> list.stream().anyMatch(c -> c.path("awaitingApproval").asBoolean()))
                .findValues("cycleId").stream().map(JsonNode::asText)
                .filter(id -> !id.equals(parked.path("cycleId").asText())).findFirst().map(id -> request(3, "approve",
                        "cycleId", id)).map(r -> call(d, r)).orElseThrow();
        assertThat(second.path("result").path("complete").asBoolean()).as("%s", second).isTrue();
        assertThat(second.path("result").path("txId").asLong()).isPositive();
        assertThat(approved.get(20, TimeUnit.SECONDS)).isEqualTo("34");

        List<String> types = ServerFixture.events(verdicts, 500).stream().map(e -> e.path("type").asText()).toList();
        assertThat(types).contains("APPROVAL_REQUESTED", "APPROVAL_DENIED", "APPROVAL_GRANTED");
    }

    private CompletableFuture<String> parkedSend() {
        return CompletableFuture.supplyAsync(() -> new SendScope(false, true)
                .run(() -> f.kernel.send(f.kernel.lobby(), "fibonacci", 9L)).json());
    }

    private static JsonNode awaitCycles(ZMQ.Socket d, Predicate<List<JsonNode>> condition) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            JsonNode result = call(d, request("cycles" + i, "cycles")).path("result");
            List<JsonNode> list = new ArrayList<>();
            result.forEach(list::add);
            if (condition.test(list)) {
                return result;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the cycles never reached the expected state");
    }
}
