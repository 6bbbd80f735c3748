package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batos guardian check}, {@code method install}, {@code eval}, and {@code send} running methods. */
class MethodCommandsTest {
    private static final String GREET = """
            Object greet(UvmObject self, Object... args) {
                return "hello " + args[0] + " from " + self.get("name");
            }""";
    private static final String FORGETFUL = """
            Object remember(UvmObject self, Object... args) {
                List<Object> items = (List<Object>) self.get("items");
                items.add(args[0]);
                return null;
            }""";

    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("img"));
        cli.run("image", "init").ok();
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void guardianCheckExits0WhenAcceptedAnd4WithFindingsWhenRejected() throws Exception {
        CliRunner.Result ok = CliRunner.raw("guardian", "check", file("greet.java", GREET).toString(), "--json").ok();
        assertThat(ok.json().get("accepted").asBoolean()).isTrue();
        CliRunner.Result bad = CliRunner.raw("guardian", "check", file("bad.java", FORGETFUL).toString(), "--json")
                .exits(4);
        assertThat(bad.json().get("accepted").asBoolean()).isFalse();
        assertThat(bad.json().get("findings").get(0).get("rule").asText()).isEqualTo("covenant");
        assertThat(CliRunner.raw("guardian", "check", file("bad2.java", FORGETFUL).toString()).exits(4).out())
                .contains("bad2.java:").contains("[covenant]").endsWith("rejected\n");
    }

    @Test
    void anInstalledMethodIsSentFromTheCommandLine() throws Exception {
        cli.run("set", "lobby", "name", "\"the lobby\"").ok();
        cli.run("method", "install", "lobby", "greet", "--file", file("greet.java", GREET).toString()).ok();
        assertThat(cli.run("send", "lobby", "greet", "\"you\"").ok().json().asText())
                .isEqualTo("hello you from the lobby");
    }

    @Test
    void aRefusedInstallExits4WithTheFindingsAndWritesNothing() throws Exception {
        cli.run("set", "lobby", "items", "[]").ok();
        byte[] before = Files.readAllBytes(cli.image().resolve("image.log"));
        CliRunner.Result refused = cli.run("method", "install", "lobby", "remember", "--file",
                file("forgetful.java", FORGETFUL).toString()).exits(4);
        assertThat(refused.err()).contains("[covenant]");
        Path sandboxed = file("exit.java", "Object quit(UvmObject self, Object... args) {\n"
                + "  return java.util.prefs.Preferences.userRoot();\n}");
        assertThat(cli.run("method", "install", "lobby", "quit", "--file", sandboxed.toString(), "--json").exits(4)
                .json().get("accepted").asBoolean()).isFalse();
        assertThat(Files.readAllBytes(cli.image().resolve("image.log"))).isEqualTo(before);
    }

    @Test
    void evalRunsASnippetWithSelfBoundInOneTransaction() {
        cli.run("set", "lobby", "count", "41").ok();
        assertThat(cli.run("eval", "lobby", "(Long) self.get(\"count\") + 1").ok().json().asLong()).isEqualTo(42);
        cli.run("eval", "lobby", "self.set(\"count\", 7); self.markChanged(); return null;").ok();
        assertThat(cli.run("get", "lobby", "count").ok().json().asLong()).isEqualTo(7);
        cli.run("eval", "lobby", "System.exit(3)").exits(4).oneErrorLine();
        assertThat(cli.run("get", "lobby", "count").ok().json().asLong()).isEqualTo(7);
    }
}
