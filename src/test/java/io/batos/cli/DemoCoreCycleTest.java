package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole cycles through the real ONNX engine: the demo core (the scripted fixture model) answers
 * each state's prompt, so {@code batos send … --approve} teaches the lobby a method on a fresh
 * machine — including a refusal by the guardian and the corrective cycle that fixes it.
 */
class DemoCoreCycleTest {
    @TempDir
    Path dir;

    @Test
    void theDemoCoreTeachesMethodsAndCorrectsItself() {
        CliRunner cli = new CliRunner(dir.resolve("image"));
        cli.run("image", "init").ok();
        cli.run("model", "demo").ok();
        assertThat(cli.run("send", "lobby", "fibonacci", "10", "--approve").ok().json().asLong()).isEqualTo(55);
        assertThat(cli.run("send", "lobby", "factorial", "10", "--approve").ok().json().asLong()).isEqualTo(3628800);
        // tally's first method forgets markChanged(): the guardian refuses it, a corrective cycle
        // receives the findings, and its method is the one installed.
        assertThat(cli.run("send", "lobby", "tally", "--approve").ok().json().asLong()).isEqualTo(1);
        assertThat(cli.run("send", "lobby", "tally").ok().json().asLong()).isEqualTo(2);
        assertThat(cli.run("get", "lobby", "tally").ok().json().path("$method").asText()).contains("self.markChanged();");
    }
}
