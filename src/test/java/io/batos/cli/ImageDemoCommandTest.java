package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoCreatesAnImageTheOtherCommandsUse() {
        Path demo = dir.resolve("demo");
        assertThat(CliRunner.raw("image", "demo", demo.toString()).ok().out()).startsWith("created the demo image");
        CliRunner cli = new CliRunner(demo);
        assertThat(cli.run("send", "lobby.greeter", "greet", "\"you\"").ok().json().asText())
                .isEqualTo("Good morning, you!");
        CliRunner.raw("image", "demo", demo.toString()).exits(2).oneErrorLine();
    }
}
