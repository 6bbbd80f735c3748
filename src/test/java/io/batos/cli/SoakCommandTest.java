package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.cli.bench.BenchmarkLedger;
import io.batos.cli.bench.BenchmarkRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batos soak} for real, briefly: a server child process on a fresh image, four clients,
 * SIGKILLs every few seconds, restarts, undo and pack between lives, a clean stop — and not one
 * acknowledged transaction lost. The figures are asserted from its {@code --json} output, the
 * contract scripts and CI read.
 */
class SoakCommandTest {
    @TempDir
    Path dir;

    /**
     * About 40 s of lives. The kill interval is short so that even a loaded two-core machine, where
     * a server takes several seconds to start, sees at least two kills in that time.
     */
    @Test
    void aShortSoakWithKillsLosesNothingAndVerifies() {
        Path image = dir.resolve("image");
        long started = System.nanoTime();
        CliRunner.Result run = CliRunner.raw("soak", "--duration", "PT40S", "--kill-every", "PT2S", "--clients", "4",
                "--seed", "20240611", "--image", image.toString(), "--json", "--record", dir.resolve("record").toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("soak test: %.1f s wall%n%s%s%n", seconds, run.err(), run.out());

        JsonNode report = run.json();
        assertThat(run.exit()).as("exit; stderr: %s", run.err()).isZero();
        assertThat(report.path("ok").asBoolean()).as("%s", report).isTrue();
        assertThat(report.path("lost").asLong()).isZero();
        assertThat(report.path("phantoms").asLong()).isZero();
        assertThat(report.path("verify").asText()).isEqualTo("ok");
        assertThat(report.path("kills").asLong()).as("%s", report).isGreaterThanOrEqualTo(2);
        assertThat(report.path("restarts").asLong()).isEqualTo(report.path("kills").asLong());
        assertThat(report.path("crashes").asLong()).isZero();
        assertThat(report.path("transactionsAcknowledged").asLong()).isPositive();
        assertThat(report.path("sets").asLong()).isPositive();
        // Every acknowledged transaction was checked at least once, and the end state again.
        assertThat(report.path("checks").asLong()).isGreaterThan(report.path("transactionsAcknowledged").asLong());
        assertThat(report.path("verifies").asLong()).isGreaterThanOrEqualTo(report.path("kills").asLong() + 1);
        // --record: the same figures in the benchmark record, lost held to 0, with the command that reruns it.
        Map<String, BenchmarkRecord> recorded = new HashMap<>();
        BenchmarkLedger.read(dir.resolve("record").resolve("soak.json")).forEach(r -> recorded.put(r.id(), r));
        assertThat(recorded.get("soak lost").met()).isTrue();
        assertThat(recorded.get("soak lost").target()).isEqualTo("= 0");
        assertThat(recorded.get("soak kills").figure()).isEqualTo(report.path("kills").asDouble());
        assertThat(recorded.get("soak transactionsAcknowledged").figure())
                .isEqualTo(report.path("transactionsAcknowledged").asDouble());
        assertThat(recorded.get("soak kills").command())
                .isEqualTo("batos soak --duration PT40S --kill-every PT2S --clients 4 --seed 20240611");
        // The named image is kept, and verifies by the command line too.
        CliRunner.Result verify = CliRunner.raw("image", "verify", "--image", image.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    void anExistingImageIsRefusedBeforeAnythingStarts() throws Exception {
        Path image = dir.resolve("image");
        CliRunner.raw("image", "init", "--image", image.toString()).ok();
        byte[] log = Files.readAllBytes(image.resolve("image.log"));

        CliRunner.Result run = CliRunner.raw("soak", "--image", image.toString(), "--duration", "PT1S");
        run.exits(2).oneErrorLine();
        assertThat(run.err()).contains("soak needs a new image").contains(image.toString());
        assertThat(Files.readAllBytes(image.resolve("image.log"))).isEqualTo(log);
    }

    @Test
    void badFiguresAreUsageErrors() {
        CliRunner.raw("soak", "--clients", "0").exits(2).oneErrorLine();
        CliRunner.raw("soak", "--duration", "PT0S").exits(2).oneErrorLine();
        CliRunner.raw("soak", "--kill-every", "-PT1S").exits(2).oneErrorLine();
        CliRunner.raw("soak", "--duration", "two minutes").exits(2).oneErrorLine();
    }
}
