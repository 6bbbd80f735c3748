package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The §12 contracts every command shares: one JSON document with {@code --json}, one error line,
 * the exit codes, and nothing written when a command fails.
 */
class CliContractTest {
    @TempDir
    Path dir;

    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("img"));
    }

    private byte[] log() throws Exception {
        return Files.readAllBytes(cli.image().resolve("image.log"));
    }

    @Test
    void jsonStdoutIsExactlyOneDocumentForEveryCommand() {
        assertThat(cli.run("image", "init", "--json").ok().err()).isEmpty();
        cli.run("set", "lobby", "x", "[1, {\"$decimal\": \"2.5\"}]", "--json").ok().json();
        List<String[]> commands = List.of(
                new String[] {"image", "info", "--json"},
                new String[] {"image", "history", "--json"},
                new String[] {"image", "verify", "--json"},
                new String[] {"get", "lobby"},
                new String[] {"get", "lobby", "--inherited"},
                new String[] {"get", "lobby", "x"},
                new String[] {"send", "lobby", "x"},
                new String[] {"clone", "lobby", "kid", "--json"},
                new String[] {"set", "lobby", "y", "\"text\"", "--json"},
                new String[] {"remove", "lobby", "y", "--json"},
                new String[] {"image", "undo", "LAST", "--json"},
                new String[] {"image", "backup", dir.resolve("copy").toString(), "--json"},
                new String[] {"image", "pack", "--json"});
        for (String[] command : commands) {
            if (command[command.length - 2].equals("LAST")) {
                // Undo the newest transaction (the remove), which nothing later has touched.
                command[command.length - 2] = cli.run("image", "info", "--json").ok().json().get("lastTx").asText();
            }
            CliRunner.Result result = cli.run(command).ok();
            JsonNode document = result.json();
            assertThat(document.isContainerNode()).as(String.join(" ", command)).isTrue();
            assertThat(result.err()).as("stderr of %s", String.join(" ", command)).isEmpty();
        }
    }

    @Test
    void badJsonExits2AndWritesNothing() throws Exception {
        cli.run("image", "init").ok();
        cli.run("set", "lobby", "x", "1").ok();
        byte[] before = log();

        for (String bad : List.of("hello", "{\"a\": ", "[1, 2", "{\"$ref\": \"x\"}", "{\"$decimal\": \"abc\"}",
                "{\"$java\": \"Thread\", \"type\": \"java.lang.Thread\"}")) {
            CliRunner.Result result = cli.run("set", "lobby", "x", bad).exits(2).oneErrorLine();
            assertThat(result.err()).as(bad).contains("'x'");
            assertThat(result.out()).isEmpty();
        }
        assertThat(log()).isEqualTo(before);
        assertThat(cli.run("get", "lobby", "x").ok().json().asLong()).isEqualTo(1);
    }

    @Test
    void aValueTheImageCannotPersistExits2AndWritesNothing() throws Exception {
        cli.run("image", "init").ok();
        byte[] before = log();
        String tooDeep = "[".repeat(300) + "]".repeat(300);

        cli.run("set", "lobby", "x", tooDeep).exits(2).oneErrorLine();
        assertThat(log()).isEqualTo(before);
    }

    @Test
    void aFailedSendWritesNothing() throws Exception {
        cli.run("image", "init").ok();
        byte[] before = log();
        cli.run("send", "lobby", "nobodyKnows").exits(3);
        cli.run("send", "lobby", "x", "bare").exits(2);
        assertThat(log()).isEqualTo(before);
    }

    @Test
    void parameterErrorsExit2WithOneLine() {
        cli.run("image", "init").ok();
        CliRunner.raw("get").exits(2).oneErrorLine();
        CliRunner.raw("get", "lobby", "x", "y").exits(2).oneErrorLine();
        cli.run("image", "info", "--bogus").exits(2).oneErrorLine();
        cli.run("image", "undo", "notANumber").exits(2).oneErrorLine();
        cli.run("image", "history", "--limit", "-1").exits(2).oneErrorLine();
        CliRunner.raw("frobnicate").exits(2).oneErrorLine();
        CliRunner.raw("image").exits(2).oneErrorLine();
    }

    @Test
    void helpAndVersionExit0() {
        assertThat(CliRunner.raw("--help").ok().out()).contains("image", "get", "set", "send", "clone", "remove");
        assertThat(CliRunner.raw("image", "--help").ok().out()).contains("init", "verify", "undo", "pack", "backup");
        assertThat(CliRunner.raw("send", "--help").ok().out()).contains("--approve", "--image", "--json");
        assertThat(CliRunner.raw("--version").ok().out()).startsWith("batos");
    }

    @Test
    void recoveryNotesGoToStderrAndLeaveTheJsonAlone() throws Exception {
        cli.run("image", "init").ok();
        cli.run("set", "lobby", "x", "1").ok();
        Files.delete(cli.image().resolve("index.db"));

        CliRunner.Result result = cli.run("image", "info", "--json").ok();
        assertThat(result.err()).startsWith("recovery: rebuilt the index");
        assertThat(result.json().get("lastTx").asLong()).isPositive();
    }

    @Test
    void aLockedImageExits6() {
        cli.run("image", "init").ok();
        io.batos.kernel.Vessel held = io.batos.kernel.Vessel.openReadOnly(cli.image());
        try {
            assertThat(cli.run("image", "info").exits(6).oneErrorLine().err()).contains("in use by pid");
        } finally {
            held.close();
        }
        cli.run("image", "info").ok();
    }
}
