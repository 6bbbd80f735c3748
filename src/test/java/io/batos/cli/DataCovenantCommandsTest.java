package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.testing.FileHash;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data Covenant seen from the command line: {@code batos set} on an object whose
 * {@code covenant} slot names a covenant is refused with exit 4 and the findings when the result
 * would break it, and the image stays byte for byte as it was.
 */
class DataCovenantCommandsTest {
    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("img"));
        cli.run("image", "init").ok();
        cli.run("clone", "lobby", "plan").ok();
        cli.run("set", "lobby.plan", "goal", "\"greet the architect\"").ok();
        cli.run("set", "lobby.plan", "steps", "[{\"persona\": \"BRICK\", \"task\": \"plan\"}]").ok();
        cli.run("set", "lobby.plan", "covenant", "\"MissionPlan\"").ok();
    }

    private String hashes() {
        return FileHash.fromChild(cli.image().resolve("image.log"), cli.image().resolve("index.db"));
    }

    @Test
    void aValidEditIsAccepted() {
        cli.run("set", "lobby.plan", "steps", "[{\"persona\": \"ROBIN\", \"task\": \"write\"}]").ok();
        assertThat(cli.run("get", "lobby.plan", "steps").ok().json().get(0).get("persona").asText()).isEqualTo("ROBIN");
    }

    @Test
    void anInvalidSetExits4WithTheFindingsOnStderrAndWritesNothing() {
        String before = hashes();
        CliRunner.Result refused = cli.run("set", "lobby.plan", "steps", "[{\"persona\": \"HAL\", \"task\": 1}]")
                .exits(4).oneErrorLine();
        assertThat(refused.err()).startsWith("batos: data covenant 'MissionPlan' refused @")
                .contains("/steps/0/persona: must be one of", "/steps/0/task: ");
        assertThat(refused.out()).isEmpty();
        cli.run("set", "lobby.plan", "extra", "true", "--json").exits(4).oneErrorLine();
        assertThat(cli.run("set", "lobby.plan", "covenant", "\"Plan\"").exits(4).oneErrorLine().err())
                .contains("no covenant named 'Plan'");
        assertThat(hashes()).isEqualTo(before);
        assertThat(cli.run("get", "lobby.plan", "steps").ok().json().get(0).get("persona").asText()).isEqualTo("BRICK");
    }

    @Test
    void commandsThatDoNotTouchTheObjectAreUnaffected() {
        cli.run("set", "lobby", "count", "1").ok();
        cli.run("clone", "lobby", "other").ok();
        cli.run("set", "lobby.other", "steps", "[]").ok();
        cli.run("remove", "lobby.plan", "covenant").ok();
        cli.run("set", "lobby.plan", "steps", "[]").ok();
    }
}
