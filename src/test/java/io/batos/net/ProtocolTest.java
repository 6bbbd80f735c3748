package io.batos.net;

import static io.batos.net.ServerFixture.call;
import static io.batos.net.ServerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.kernel.ValueJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

/**
 * Every operation over a real DEALER (and REQ) socket: the happy paths with §12 value forms, and
 * the error words and messages a client gets for everything it can get wrong.
 */
class ProtocolTest {
    static final String GREET = """
            Object greet(UvmObject self, Object... args) {
                return "hello, " + args[0];
            }""";
    static final String BROKEN = """
            Object greet(UvmObject self, Object... args) {
                return new java.io.File("/etc/passwd").exists();
            }""";

    @TempDir
    Path dir;
    ServerFixture f;
    ZMQ.Socket dealer;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir.resolve("image"));
        dealer = f.dealer();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonNode ok(ObjectNode request) {
        JsonNode reply = call(dealer, request);
        assertThat(reply.path("ok").asBoolean()).as("reply to %s: %s", request, reply).isTrue();
        assertThat(reply.get("id")).isEqualTo(request.get("id"));
        return reply.get("result");
    }

    private JsonNode error(ObjectNode request, String code) {
        JsonNode reply = call(dealer, request);
        assertThat(reply.path("ok").asBoolean(true)).as("reply to %s: %s", request, reply).isFalse();
        assertThat(reply.path("error").path("code").asText()).as("reply %s", reply).isEqualTo(code);
        assertThat(reply.path("error").path("message").asText()).isNotBlank();
        return reply.get("error");
    }

    @Test
    void searchAnswersFromFractalMemory() {
        io.batos.testing.ScriptedLanguageModel model = new io.batos.testing.ScriptedLanguageModel()
                .on("MissionPlan", io.batos.testing.ScriptedLanguageModel.plan("greet"))
                .on("MethodArtifact", io.batos.testing.ScriptedLanguageModel.artifact("greet", GREET));
        f.vessel.cognitiveCore().attach(model);
        assertThat(ok(request(1, "send", "target", "lobby", "selector", "greet", "args",
                ValueJson.MAPPER.createArrayNode().add("you"), "approve", true)).toString()).contains("hello, you");
        assertThat(f.vessel.memory().ingest().cycles()).isEqualTo(1);
        JsonNode hits = ok(request(2, "search", "query", "selector:greet AND outcome:COMPLETE", "limit", 5));
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("selector").asText()).isEqualTo("greet");
        assertThat(hits.get(0).path("cycleId").asText()).isNotBlank();
        error(request(3, "search", "query", "selector:(unbalanced"), "usage");
    }

    @Test
    void pingAnswersWithTheRequestsIdWhateverItsShape() {
        assertThat(ok(request(1, "ping")).path("pong").asBoolean()).isTrue();
        assertThat(call(dealer, request("a-string", "ping")).get("id").asText()).isEqualTo("a-string");
        ObjectNode objectId = request(Map.of("n", 7), "ping");
        assertThat(call(dealer, objectId).get("id")).isEqualTo(objectId.get("id"));
    }

    @Test
    void setGetLookupAndDescribeSpeakTheTaggedValueForms() throws Exception {
        long accounts = f.kernel.cloneInto(f.kernel.lobby(), "accounts");
        assertThat(ok(request(1, "lookup", "target", "lobby.accounts")).path("oid").asLong()).isEqualTo(accounts);
        JsonNode value = ValueJson.MAPPER.readTree("{\"balance\": {\"$decimal\": \"10.50\"}, \"raw\": {\"$bytes\": "
                + "\"AAEC\"}, \"owner\": {\"$ref\": 0}, \"tags\": [1, 2.5, \"x\", null, true]}");
        JsonNode set = ok(request(2, "set", "target", "lobby.accounts", "slot", "main", "value", value));
        assertThat(set.path("txId").asLong()).isPositive();
        assertThat(ok(request(3, "get", "target", "@" + accounts, "slot", "main"))).isEqualTo(value);

        JsonNode object = ok(request(4, "get", "target", "lobby.accounts"));
        assertThat(object.path("oid").asLong()).isEqualTo(accounts);
        assertThat(object.path("slots").path("main")).isEqualTo(value);
        assertThat(object.path("slots").has("parents")).isFalse();
        assertThat(object.path("parents").get(0).path("$ref").asLong()).isEqualTo(f.kernel.lobby());

        ok(request(5, "install", "target", "lobby", "selector", "greet", "source", GREET));
        JsonNode described = ok(request(6, "describe", "target", "lobby.accounts"));
        assertThat(described.path("oid").asLong()).isEqualTo(accounts);
        JsonNode greet = find(described.path("methods"), "selector", "greet");
        assertThat(greet.path("source").asText()).isEqualTo(GREET);
        assertThat(greet.path("inherited").asBoolean()).isTrue();
        assertThat(greet.path("holder").path("$ref").asLong()).isEqualTo(f.kernel.lobby());
        JsonNode main = find(described.path("slots"), "name", "main");
        assertThat(main.path("kind").asText()).isEqualTo("data");
        assertThat(main.path("value")).isEqualTo(value);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    @Test
    void installAnswersTheVerdictAndARefusalIsRejectedWithItsFindings() {
        JsonNode installed = ok(request(1, "install", "target", "lobby", "selector", "greet", "source", GREET));
        assertThat(installed.path("verdict").path("accepted").asBoolean()).isTrue();
        assertThat(installed.path("txId").asLong()).isPositive();
        JsonNode sent = ok(request(2, "send", "target", "lobby", "selector", "greet", "args", List.of("net")));
        assertThat(sent.path("value").asText()).isEqualTo("hello, net");

        long before = f.vessel.image().lastTx();
        JsonNode refused = error(request(3, "install", "target", "lobby", "selector", "greet", "source", BROKEN),
                "rejected");
        assertThat(refused.path("verdict").path("accepted").asBoolean(true)).isFalse();
        assertThat(refused.path("verdict").path("findings")).isNotEmpty();
        assertThat(f.vessel.image().lastTx()).isEqualTo(before);
    }

    @Test
    void evalAndSendRunInOneTransactionAndAnswerTheirValue() {
        JsonNode counted = ok(request(1, "eval", "target", "lobby", "code", "self.set(\"count\", 41L); return 41L + 1;"));
        assertThat(counted.path("value").asLong()).isEqualTo(42);
        assertThat(counted.path("txId").asLong()).isPositive();
        assertThat(ok(request(2, "get", "target", "lobby", "slot", "count")).asLong()).isEqualTo(41);
        // A send nobody understands, with no cognitive core: not-understood, and nothing written.
        long before = f.vessel.image().lastTx();
        error(request(3, "send", "target", "lobby", "selector", "fibonacci", "args", List.of(10), "approve", true),
                "not-understood");
        assertThat(f.vessel.image().lastTx()).isEqualTo(before);
    }

    @Test
    void historyIsOldestFirstAndLimited() {
        ok(request(1, "set", "target", "lobby", "slot", "a", "value", 1));
        ok(request(2, "set", "target", "lobby", "slot", "a", "value", 2));
        JsonNode history = ok(request(3, "history", "limit", 2));
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("txId").asLong()).isLessThan(history.get(1).path("txId").asLong());
        assertThat(history.get(1).path("origin").asText()).isEqualTo("net");
        assertThat(history.get(1).path("note").asText()).contains("set");
        assertThat(ok(request(4, "history", "target", "lobby")).size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void cycleOperationsAnswerNotFoundForUnknownCycles() {
        assertThat(ok(request(1, "cycles"))).isEmpty();
        error(request(2, "cycle", "cycleId", "nope"), "not-found");
        error(request(3, "approve", "cycleId", "nope"), "not-found");
        error(request(4, "reject", "cycleId", "nope", "note", "no"), "not-found");
    }

    @Test
    void theFlywheelOverTheWireReportDatasetsAndReview() {
        JsonNode empty = ok(request(1, "report"));
        assertThat(empty.path("totals").path("cycles").asLong()).isZero();
        assertThat(empty.path("totals").path("successRate").isNull()).isTrue();
        assertThat(ok(request(2, "datasets"))).isEmpty();
        assertThat(error(request(3, "dataset", "datasetId", "1"), "not-found").path("message").asText())
                .contains("no dataset 1");

        // one real cycle, curated with a threshold of 1
        io.batos.testing.ScriptedLanguageModel model = new io.batos.testing.ScriptedLanguageModel()
                .on("MissionPlan", io.batos.testing.ScriptedLanguageModel.plan("greet"))
                .on("MethodArtifact", io.batos.testing.ScriptedLanguageModel.artifact("greet", GREET));
        f.vessel.cognitiveCore().attach(model);
        ok(request(4, "send", "target", "lobby", "selector", "greet", "args",
                ValueJson.MAPPER.createArrayNode().add("you"), "approve", true));
        JsonNode report = ok(request(5, "report"));
        assertThat(report.path("totals").path("complete").asLong()).as("the unread log counts too").isEqualTo(1);
        assertThat(report.path("byState").has("VALIDATING")).isTrue();
        io.batos.testing.Codexes.setAlfred(f.vessel, "curation_threshold", 1L);
        f.vessel.memory().ingest();
        assertThat(f.vessel.flywheel().curate().datasets()).hasSize(1);

        JsonNode list = ok(request(6, "datasets"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("size").asLong()).isEqualTo(1);
        assertThat(list.get(0).path("pending").asLong()).isEqualTo(1);
        JsonNode dataset = ok(request(7, "dataset", "datasetId", "1"));
        JsonNode example = dataset.path("examples").get(0);
        assertThat(example.path("selector").asText()).isEqualTo("greet");
        assertThat(example.path("messages").get(2).path("content").asText()).contains("hello, ");
        error(request(8, "dataset", "datasetId", "1", "verdict", "accept"), "usage");
        error(request(9, "dataset", "datasetId", "1", "verdict", "bless", "example", 1), "usage");
        JsonNode reviewed = ok(request(10, "dataset", "datasetId", "1", "verdict", "edit", "example", 1,
                "content", "{\"selector\": \"greet\", \"source\": \"x\", \"rationale\": \"edited\"}"));
        assertThat(reviewed.path("examples").get(0).path("status").asText()).isEqualTo("edited");
        assertThat(reviewed.path("examples").get(0).path("messages").get(2).path("content").asText()).contains("edited");
    }

    @Test
    void everyKindOfBadRequestGetsAUsageErrorNamingTheProblem() {
        assertThat(errorFor("{not json".getBytes(StandardCharsets.UTF_8)).path("message").asText())
                .startsWith("malformed JSON");
        assertThat(errorFor("[1, 2]".getBytes(StandardCharsets.UTF_8)).path("message").asText()).contains("object");
        assertThat(errorFor(new byte[] {0, (byte) 0xff, 3}).path("code").asText()).isEqualTo("usage");
        assertThat(errorFor(new byte[0]).path("code").asText()).isEqualTo("usage");
        assertThat(error(request(1, "frobnicate"), "usage").path("message").asText())
                .contains("unknown op 'frobnicate'").contains("ping");
        assertThat(error(request(2, "get"), "usage").path("message").asText()).contains("'target'");
        assertThat(error(request(3, "get", "target", 12), "usage").path("message").asText())
                .contains("'target' must be a string");
        assertThat(error(request(4, "set", "target", "lobby", "slot", "x"), "usage").path("message").asText())
                .contains("'value'");
        assertThat(error(request(5, "send", "target", "lobby", "selector", "x", "args", "no"), "usage")
                .path("message").asText()).contains("'args' must be a JSON array");
        assertThat(error(request(6, "send", "target", "lobby", "selector", "x", "approve", "yes"), "usage")
                .path("message").asText()).contains("'approve'");
        error(request(7, "get", "target", "lobby.nowhere"), "not-found");
        error(request(8, "get", "target", "lobby", "slot", "nothing"), "not-found");
        error(request(9, "get", "target", "#1"), "usage");
        error(request(10, "set", "target", "lobby", "slot", "x", "value", Map.of("$java", "x", "type", "y")), "usage");
        ObjectNode noOp = ValueJson.MAPPER.createObjectNode().put("id", 11);
        assertThat(error(noOp, "usage").path("message").asText()).contains("'op'");
        ObjectNode numericOp = ValueJson.MAPPER.createObjectNode().put("id", 12).put("op", 5);
        error(numericOp, "usage");
        // After all that, the same connection is served as before.
        assertThat(ok(request(13, "ping")).path("pong").asBoolean()).isTrue();
        assertThat(f.server.stats().badRequests()).isGreaterThanOrEqualTo(6);
    }

    private JsonNode errorFor(byte[] payload) {
        dealer.send(payload, 0);
        JsonNode reply = ServerFixture.receive(dealer);
        assertThat(reply.path("ok").asBoolean(true)).isFalse();
        assertThat(reply.get("id").isNull()).isTrue();
        return reply.get("error");
    }

    @Test
    void reqClientsAreAnsweredWithTheDelimiterFrame() {
        ZMQ.Socket req = f.req();
        for (int i = 0; i < 5; i++) {
            req.send(ServerFixture.bytes(request(i, "ping")), 0);
            JsonNode reply = ServerFixture.receive(req);
            assertThat(reply.path("id").asInt()).isEqualTo(i);
            assertThat(reply.path("ok").asBoolean()).isTrue();
        }
        req.send(ServerFixture.bytes(request("r", "get", "target", "lobby", "slot", "nothing")), 0);
        assertThat(ServerFixture.receive(req).path("error").path("code").asText()).isEqualTo("not-found");
    }

    @Test
    void framesThatFitNeitherDealerNorReqAreDroppedAndCounted() {
        dealer.send("a", ZMQ.SNDMORE);
        dealer.send("b", ZMQ.SNDMORE);
        dealer.send(ServerFixture.bytes(request(1, "ping")), 0);
        dealer.send(new byte[0], ZMQ.SNDMORE);
        dealer.send(new byte[0], ZMQ.SNDMORE);
        dealer.send(new byte[0], ZMQ.SNDMORE);
        dealer.send(ServerFixture.bytes(request(2, "ping")), 0);
        // The next well-framed request is the first to be answered.
        assertThat(call(dealer, request(3, "ping")).path("id").asInt()).isEqualTo(3);
        assertThat(f.server.stats().droppedFrames()).isEqualTo(2);
    }
}
