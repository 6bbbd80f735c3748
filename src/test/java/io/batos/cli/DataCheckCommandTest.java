package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.testing.FileHash;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batos data check --covenant NAME FILE}: the image's covenants applied to a file, read-only,
 * with the §12 exit codes (0 valid, 4 invalid with findings, 8 unknown covenant, 2 unreadable file).
 */
class DataCheckCommandTest {
    private static final String PLAN = "{\"goal\": \"greet\", \"steps\": [{\"persona\": \"BRICK\", \"task\": \"plan\"}]}";

    @TempDir
    Path dir;
    CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir.resolve("img"));
        cli.run("image", "init").ok();
    }

    private String file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private String hashes() {
        return FileHash.fromChild(cli.image().resolve("image.log"), cli.image().resolve("index.db"));
    }

    @Test
    void aFileThatKeepsTheCovenantIsValidAndNothingIsWritten() throws Exception {
        String before = hashes();
        CliRunner.Result result = cli.run("data", "check", "--covenant", "MissionPlan", file("plan.json", PLAN)).ok();
        assertThat(result.out()).isEqualTo("valid\n");
        assertThat(result.err()).isEmpty();
        assertThat(cli.run("data", "check", "--covenant", "MissionPlan", file("plan.json", PLAN), "--json").ok().json()
                .get("accepted").asBoolean()).isTrue();
        assertThat(hashes()).isEqualTo(before);
    }

    @Test
    void aFileThatBreaksItExits4WithOneFindingPerLine() throws Exception {
        String plan = file("bad.json", "{\"goal\": 5, \"steps\": []}");
        CliRunner.Result result = cli.run("data", "check", "--covenant", "MissionPlan", plan).exits(4);
        assertThat(result.out().lines().toList()).hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith(plan + ": error [data-covenant] /goal: "))
                .anySatisfy(l -> assertThat(l).startsWith(plan + ": error [data-covenant] /steps: "))
                .last().isEqualTo("invalid");
        JsonNode verdict = cli.run("data", "check", "--covenant", "MissionPlan", plan, "--json").exits(4).json();
        assertThat(verdict.get("accepted").asBoolean()).isFalse();
        assertThat(verdict.get("findings")).hasSize(2).allSatisfy(f -> {
            assertThat(f.get("rule").asText()).isEqualTo("data-covenant");
            assertThat(f.get("severity").asText()).isEqualTo("error");
        });
    }

    @Test
    void malformedJsonIsAParseFindingWithItsPlace() throws Exception {
        String plan = file("broken.json", "{\"goal\": \"g\",\n  \"steps\": [,]}");
        CliRunner.Result result = cli.run("data", "check", "--covenant", "MissionPlan", plan).exits(4);
        assertThat(result.out()).startsWith(plan + ":2:").contains(": error [parse] not JSON: ").endsWith("invalid\n");
    }

    @Test
    void anUnknownCovenantExits8NamingTheKnownOnes() throws Exception {
        CliRunner.Result result = cli.run("data", "check", "--covenant", "Plan", file("plan.json", PLAN))
                .exits(8).oneErrorLine();
        assertThat(result.err()).isEqualTo(
                "batos: no covenant named 'Plan' (known: MethodArtifact, MissionPlan, PersonaConfig)\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnreadableFileExits2InOneLineAndLeavesTheImageAlone() throws Exception {
        String before = hashes();
        Path missing = dir.resolve("missing.json");
        assertThat(cli.run("data", "check", "--covenant", "MissionPlan", missing.toString()).exits(2).oneErrorLine()
                .err()).isEqualTo("batos: cannot read " + missing + ": no such file\n");
        cli.run("data", "check", "--covenant", "MissionPlan", dir.toString()).exits(2).oneErrorLine();
        Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThat(cli.run("data", "check", "--covenant", "MissionPlan", binary.toString()).exits(2).oneErrorLine()
                .err()).endsWith(": not UTF-8 text\n");
        cli.run("data", "check", "MissionPlan", file("plan.json", PLAN)).exits(2).oneErrorLine();
        assertThat(hashes()).isEqualTo(before);
    }

    @Test
    void aMissingImageExits8AndIsNotCreated() throws Exception {
        CliRunner elsewhere = new CliRunner(dir.resolve("nothing-here"));
        elsewhere.run("data", "check", "--covenant", "MissionPlan", file("plan.json", PLAN)).exits(8).oneErrorLine();
        assertThat(dir.resolve("nothing-here").resolve("image.log")).doesNotExist();
    }

    @Test
    void theDataGroupIsListedInHelp() {
        assertThat(CliRunner.raw("--help").ok().out()).contains("data");
        assertThat(CliRunner.raw("data", "--help").ok().out()).contains("check");
        assertThat(CliRunner.raw("data", "check", "--help").ok().out()).contains("--covenant", "--image", "--json");
    }
}
