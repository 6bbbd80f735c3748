package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.cognition.llm.FakeChatServer;
import io.batos.testing.FileHash;
import io.batos.testing.ScriptedLanguageModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doesNotUnderstand from the command line, with the image's core connected to a model server in
 * this JVM that answers each state's prompt: {@code send --approve} teaches and answers; without
 * {@code --approve} or without a core nothing is written; a data mission.
 */
class CycleCommandsTest {
    @TempDir
    Path dir;

    private static FakeChatServer.Reply states() {
        return (exchange, request) -> {
            String body = request.body();
            String answer = body.contains("MissionPlan") ? ScriptedLanguageModel.plan("fibonacci")
                    : body.contains("MethodArtifact") ? ScriptedLanguageModel.artifact("fibonacci",
                    io.batos.kernel.PsmTest.FIB)
                    : body.contains("Mission for") ? "Nothing similar yet."
                    : "{\"goal\": \"a small party\", \"steps\": [{\"persona\": \"ROBIN\", \"task\": \"invite\"}]}";
            FakeChatServer.answer(answer, "stop", 10, 10).answer(exchange, request);
        };
    }

    @Test
    void sendTeachesAMissingMethodOnlyWhenApproved() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("image"));
        cli.run("image", "init").ok();
        Path log = cli.image().resolve("image.log");
        String before = FileHash.fromChild(log);
        assertThat(cli.run("send", "lobby", "fibonacci", "10", "--approve").exits(3).oneErrorLine().err())
                .contains("no cognitive core: `batos model import DIR`, `batos model connect URL` or `batos model demo`");
        assertThat(FileHash.fromChild(log)).isEqualTo(before);
        try (FakeChatServer server = FakeChatServer.start()) {
            server.answer(states());
            cli.run("model", "connect", server.url() + "/v1").ok();
            String connected = FileHash.fromChild(log);
            assertThat(cli.run("send", "lobby", "fibonacci", "10").exits(7).oneErrorLine().err())
                    .contains("needs approval").contains("--approve");
            assertThat(FileHash.fromChild(log)).isEqualTo(connected);
            assertThat(cli.run("send", "lobby", "fibonacci", "10", "--approve").ok().json().asLong()).isEqualTo(55);
            assertThat(cli.run("get", "lobby", "fibonacci").ok().json().path("$method").asText())
                    .contains("Object fibonacci(UvmObject self");
            // Now understood: no approval needed, no model asked.
            assertThat(cli.run("send", "lobby", "fibonacci", "12").ok().json().asLong()).isEqualTo(144);
        }
    }

    @Test
    void aDataMissionCommitsAnObjectUnderItsCovenant() throws Exception {
        CliRunner cli = new CliRunner(dir.resolve("image"));
        cli.run("image", "init").ok();
        try (FakeChatServer server = FakeChatServer.start()) {
            server.answer((exchange, request) -> FakeChatServer.answer(
                    "{\"goal\": \"a small party\", \"steps\": [{\"persona\": \"ROBIN\", \"task\": \"invite\"}]}",
                    "stop", 5, 5).answer(exchange, request));
            cli.run("model", "connect", server.url() + "/v1").ok();
            cli.run("mission", "data", "--covenant", "Nothing", "a plan", "--approve").exits(8).oneErrorLine();
            cli.run("mission", "data", "--covenant", "MissionPlan", "a plan").exits(7).oneErrorLine();
            JsonNode done = cli.run("mission", "data", "--covenant", "MissionPlan", "plan a party", "--approve").ok().json();
            assertThat(done.path("value").path("goal").asText()).isEqualTo("a small party");
            JsonNode object = cli.run("get", "@" + done.path("oid").asLong()).ok().json();
            assertThat(object.path("slots").path("covenant").asText()).isEqualTo("MissionPlan");
            assertThat(object.path("slots").path("goal").asText()).isEqualTo("a small party");
            // The object stays under its covenant: an edit that breaks it is refused.
            cli.run("set", "@" + done.path("oid").asLong(), "steps", "[]").exits(4);
        }
    }
}
