package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.kernel.ValueJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get}, {@code set}, {@code remove}, {@code send} and {@code clone} on a fresh image. */
class ObjectCommandsTest {
    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("img"));
        cli.run("image", "init").ok();
    }

    static JsonNode parse(String json) throws Exception {
        return ValueJson.MAPPER.readTree(json);
    }

    @Test
    void everyKindOfValueRoundTripsThroughSetAndGet() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("nothing", "null");
        values.put("yes", "true");
        values.put("no", "false");
        values.put("long", String.valueOf(Long.MAX_VALUE));
        values.put("negative", "-42");
        values.put("double", "3.25");
        values.put("text", "\"héllo, ✓ world\"");
        values.put("empty", "\"\"");
        values.put("list", "[1, \"two\", [3.5], null]");
        values.put("map", "{\"a\": 1, \"nested\": {\"b\": []}}");
        values.put("ref", "{\"$ref\": 0}");
        values.put("decimal", "{\"$decimal\": \"1.10\"}");
        values.put("bytes", "{\"$bytes\": \"AAH/fw==\"}");
        values.put("blob", "{\"$blob\": {\"sha256\": \"" + "a".repeat(64) + "\", \"size\": 12}}");
        values.put("method", "{\"$method\": \"Object hi(UvmObject self, Object... args) { return 1; }\"}");
        values.put("primitive", "{\"$primitive\": \"psm.validating\"}");
        values.put("taggedInside", "[{\"$ref\": 0}, {\"k\": {\"$decimal\": \"-0.5\"}}]");

        for (Map.Entry<String, String> entry : values.entrySet()) {
            cli.run("set", "lobby", entry.getKey(), entry.getValue()).ok();
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            assertThat(cli.run("get", "lobby", entry.getKey()).ok().json())
                    .as(entry.getKey()).isEqualTo(parse(entry.getValue()));
        }
        JsonNode slots = cli.run("get", "lobby").ok().json().get("slots");
        for (Map.Entry<String, String> entry : values.entrySet()) {
            assertThat(slots.get(entry.getKey())).as(entry.getKey()).isEqualTo(parse(entry.getValue()));
        }
    }

    @Test
    void setPrintsTheTransaction() {
        CliRunner.Result human = cli.run("set", "lobby", "x", "1").ok();
        long txId = cli.run("image", "info", "--json").ok().json().get("lastTx").asLong();
        assertThat(human.out()).isEqualTo("set lobby.x (tx " + txId + ")\n");

        JsonNode json = cli.run("set", "lobby", "x", "2", "--json").ok().json();
        assertThat(json.get("txId").asLong()).isEqualTo(txId + 1);
        assertThat(json.size()).isEqualTo(1);
    }

    @Test
    void getShowsParentsOnceAndOwnSlots() {
        JsonNode lobby = cli.run("get", "lobby").ok().json();
        long traits = lobby.get("slots").get("traits").get("$ref").asLong();

        assertThat(lobby.get("oid").isIntegralNumber()).isTrue();
        assertThat(lobby.get("parents").size()).isEqualTo(1);
        assertThat(lobby.get("parents").get(0).get("$ref").asLong()).isEqualTo(traits);
        assertThat(lobby.get("slots").has("parents")).isFalse();
        assertThat(lobby.has("inherited")).isFalse();
    }

    @Test
    void getByOidAndByPathAgree() {
        cli.run("clone", "lobby", "kid").ok();
        JsonNode byPath = cli.run("get", "lobby.kid").ok().json();
        JsonNode byOid = cli.run("get", "@" + byPath.get("oid").asLong()).ok().json();
        assertThat(byOid).isEqualTo(byPath);
    }

    @Test
    void cloneMakesAChildOfTheTargetInItsSlot() {
        long lobby = cli.run("get", "lobby").ok().json().get("oid").asLong();

        JsonNode clone = cli.run("clone", "lobby", "kid").ok().json();
        long kid = clone.get("oid").asLong();
        assertThat(clone.get("txId").asLong()).isPositive();

        JsonNode child = cli.run("get", "@" + kid).ok().json();
        assertThat(child.get("parents").size()).isEqualTo(1);
        assertThat(child.get("parents").get(0).get("$ref").asLong()).isEqualTo(lobby);
        assertThat(child.get("slots").size()).isZero();
        assertThat(cli.run("get", "lobby", "kid").ok().json().get("$ref").asLong()).isEqualTo(kid);
    }

    @Test
    void getInheritedShowsEachSlotWithTheHolderLookupWouldFind() {
        JsonNode lobby = cli.run("get", "lobby").ok().json();
        long lobbyOid = lobby.get("oid").asLong();
        long traits = lobby.get("slots").get("traits").get("$ref").asLong();
        cli.run("set", "lobby", "x", "1").ok();
        cli.run("set", "lobby", "shadowed", "\"lobby's\"").ok();
        cli.run("clone", "lobby", "kid").ok();
        cli.run("set", "lobby.kid", "shadowed", "\"kid's\"").ok();
        cli.run("set", "lobby.kid", "own", "true").ok();

        JsonNode kid = cli.run("get", "lobby.kid", "--inherited").ok().json();
        JsonNode inherited = kid.get("inherited");

        assertThat(inherited.get("x").get("value").asLong()).isEqualTo(1);
        assertThat(inherited.get("x").get("holder").get("$ref").asLong()).isEqualTo(lobbyOid);
        assertThat(inherited.get("comment").get("holder").get("$ref").asLong()).isEqualTo(traits);
        assertThat(inherited.has("shadowed")).as("own slots are not repeated").isFalse();
        assertThat(inherited.has("own")).isFalse();
        assertThat(inherited.has("parents")).isFalse();
        assertThat(kid.get("slots").get("shadowed").asText()).isEqualTo("kid's");
        // The value printed for an inherited slot is the one a lookup finds.
        assertThat(cli.run("get", "lobby.kid", "x").ok().json().asLong()).isEqualTo(1);
    }

    @Test
    void getInheritedSurvivesParentCycles() {
        long lobby = cli.run("get", "lobby").ok().json().get("oid").asLong();
        long kid = cli.run("clone", "lobby", "kid").ok().json().get("oid").asLong();
        long traits = cli.run("get", "lobby", "traits").ok().json().get("$ref").asLong();
        // traits -> kid -> lobby -> traits: a cycle lookup must survive, and so must get.
        cli.run("set", "@" + traits, "parents", "[{\"$ref\": " + kid + "}]").ok();

        JsonNode inherited = cli.run("get", "@" + traits, "--inherited").ok().json().get("inherited");
        assertThat(inherited.get("kid").get("holder").get("$ref").asLong()).isEqualTo(lobby);
    }

    @Test
    void getOfAMissingSlotExits8() {
        CliRunner.Result result = cli.run("get", "lobby", "nothingHere").exits(8).oneErrorLine();
        assertThat(result.err()).isEqualTo("batos: no slot 'nothingHere' in lobby\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void getOfAMissingObjectExits8() {
        cli.run("get", "@424242").exits(8).oneErrorLine();
        cli.run("get", "lobby.nowhere").exits(8).oneErrorLine();
    }

    @Test
    void badTargetsAreUsageErrors() {
        cli.run("get", "@abc").exits(2).oneErrorLine();
        cli.run("get", "traits").exits(2).oneErrorLine();
    }

    @Test
    void removeTakesAnOwnSlotAway() {
        cli.run("set", "lobby", "x", "1").ok();
        assertThat(cli.run("remove", "lobby", "x").ok().out()).startsWith("removed lobby.x (tx ");
        cli.run("get", "lobby", "x").exits(8);
    }

    @Test
    void removeOfAMissingOrInheritedSlotExits8() {
        cli.run("remove", "lobby", "x").exits(8).oneErrorLine();
        cli.run("set", "lobby", "x", "1").ok();
        cli.run("clone", "lobby", "kid").ok();
        assertThat(cli.run("remove", "lobby.kid", "x").exits(8).oneErrorLine().err()).contains("inherited");
    }

    @Test
    void sendOfADataSlotAnswersItsValue() {
        cli.run("set", "lobby", "greeting", "{\"text\": \"hi\", \"n\": [1, 2]}").ok();
        cli.run("clone", "lobby", "kid").ok();

        assertThat(cli.run("send", "lobby", "greeting").ok().json().get("text").asText()).isEqualTo("hi");
        assertThat(cli.run("send", "lobby.kid", "greeting").ok().json().get("n").size()).isEqualTo(2);
    }

    @Test
    void sendOfAnUnknownSelectorExits3() {
        CliRunner.Result result = cli.run("send", "lobby", "frobnicate", "1", "\"two\"").exits(3).oneErrorLine();
        assertThat(result.err()).contains("frobnicate");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void sendWithABareWordArgumentExits2() {
        CliRunner.Result result = cli.run("send", "lobby", "greet", "world").exits(2).oneErrorLine();
        assertThat(result.err()).contains("argument 1", "world");
    }

    @Test
    void sendAcceptsApprove() {
        cli.run("set", "lobby", "x", "7").ok();
        assertThat(cli.run("send", "lobby", "x", "--approve").ok().json().asLong()).isEqualTo(7);
    }

    @Test
    void sendingArgumentsToADataSlotIsAUsageError() {
        cli.run("set", "lobby", "x", "7").ok();
        assertThat(cli.run("send", "lobby", "x", "1").exits(2).oneErrorLine().err()).contains("use set");
    }

    @Test
    void volatileSlotsCannotBeWrittenFromTheCommandLine() {
        cli.run("set", "lobby", "_v_cache", "1").exits(2).oneErrorLine();
        cli.run("clone", "lobby", "_v_kid").exits(2).oneErrorLine();
    }
}
