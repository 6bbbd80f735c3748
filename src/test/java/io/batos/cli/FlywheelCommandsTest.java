package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.memory.AuditLines;
import io.batos.testing.FileHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batos metacognition report} and {@code batos dataset …}: output shapes, exit codes, the
 * read-only commands never writing, and curation reached as ALFRED's message.
 */
class FlywheelCommandsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    /** An image whose audit log holds ten completed method cycles and one failed one. */
    private CliRunner withTenSuccesses() {
        CliRunner cli = new CliRunner(dir.resolve("image"));
        cli.run("image", "init").ok();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String selector = "m" + i;
            lines.addAll(AuditLines.cycle(String.format("bb%010d", i), selector, T0.plusSeconds(i), "write " + selector,
                    "{\"selector\": \"" + selector + "\", \"source\": \"Object " + selector
                            + "(UvmObject self, Object... args) { return 1L; }\", \"rationale\": \"r\"}", List.of()));
        }
        lines.addAll(AuditLines.cycle("bb9999999999", "bad", T0.plusSeconds(60), "write bad", "{}",
                List.of(AuditLines.finding("sandbox", "error", "no threads", 2))));
        AuditLines.append(cli.image().resolve("metacognition.jsonl"), lines);
        return cli;
    }

    @Test
    void theReportCoversTheUnreadLogAndWritesNothing() throws Exception {
        CliRunner cli = withTenSuccesses();
        String before = FileHash.fromChild(cli.image().resolve("image.log"), cli.image().resolve("metacognition.jsonl"));
        JsonNode report = cli.run("metacognition", "report", "--json").ok().json();
        assertThat(report.path("totals").path("cycles").asLong()).isEqualTo(11);
        assertThat(report.path("totals").path("complete").asLong()).isEqualTo(10);
        assertThat(report.path("totals").path("failed").asLong()).isEqualTo(1);
        assertThat(report.path("totals").path("successRate").asDouble()).isEqualTo(10.0 / 11);
        assertThat(report.path("byState").path("VALIDATING").path("failed").asLong()).isEqualTo(1);
        assertThat(report.path("byPersona").path("ROBIN").path("cycles").asLong()).isEqualTo(11);
        assertThat(report.path("byMissionType").path("method").path("complete").asLong()).isEqualTo(10);
        assertThat(report.path("topFailureFindings").get(0).path("rule").asText()).isEqualTo("sandbox");
        String text = cli.run("metacognition", "report").ok().out();
        assertThat(text).startsWith("cycles 11: 10 complete, 1 failed, 0 running; success rate 90.9%")
                .contains("VALIDATING", "sandbox", "no threads");
        assertThat(FileHash.fromChild(cli.image().resolve("image.log"), cli.image().resolve("metacognition.jsonl")))
                .as("a read-only command").isEqualTo(before);
        new CliRunner(dir.resolve("nothing")).run("metacognition", "report").exits(8).oneErrorLine();
    }

    @Test
    void curateReviewAndExportFromTheCommandLine() throws Exception {
        CliRunner cli = withTenSuccesses();
        assertThat(cli.run("dataset", "list").ok().out()).startsWith("no datasets yet");
        cli.run("send", "lobby.personas.ALFRED", "ingestCognitiveAuditLog").ok();
        JsonNode curated = cli.run("send", "lobby.personas.ALFRED", "curateFineTuningDatasets").ok().json();
        assertThat(curated.toString()).contains("\"missionType\":\"method\"").contains("\"examples\":10");

        JsonNode list = cli.run("dataset", "list", "--json").ok().json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("id").asText()).isEqualTo("1");
        assertThat(list.get(0).path("pending").asLong()).isEqualTo(10);
        JsonNode shown = cli.run("dataset", "show", "1", "--json").ok().json();
        assertThat(shown.path("examples")).hasSize(10);
        assertThat(shown.path("examples").get(0).path("cycles").get(0).asText()).isEqualTo("bb0000000000");
        assertThat(cli.run("dataset", "show", "1").ok().out()).contains("example 1 [pending] m0 from cycles bb0000000000");

        cli.run("dataset", "review", "1", "1", "accept").ok();
        cli.run("dataset", "review", "1", "2", "reject").ok();
        Path answer = dir.resolve("answer.txt");
        Files.writeString(answer, "{\"selector\": \"m2\", \"source\": \"Object m2(UvmObject self, Object... args) { return 2L; }\","
                + " \"rationale\": \"two\"}");
        JsonNode tx = cli.run("dataset", "review", "1", "3", "edit", answer.toString(), "--json").ok().json();
        assertThat(tx.path("txId").asLong()).isPositive();

        String before = FileHash.fromChild(cli.image().resolve("image.log"));
        cli.run("dataset", "review", "1", "3", "edit").exits(2).oneErrorLine();
        cli.run("dataset", "review", "1", "3", "bless").exits(2).oneErrorLine();
        cli.run("dataset", "review", "1", "99", "accept").exits(8).oneErrorLine();
        cli.run("dataset", "review", "1", "3", "edit", dir.resolve("missing.txt").toString()).exits(2).oneErrorLine();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"messages\": []}");
        assertThat(cli.run("dataset", "review", "1", "3", "edit", broken.toString()).exits(2).oneErrorLine().err())
                .contains("not a chat example");
        cli.run("dataset", "show", "9").exits(8).oneErrorLine();
        assertThat(FileHash.fromChild(cli.image().resolve("image.log"))).as("refusals write nothing").isEqualTo(before);

        Path out = dir.resolve("export/accepted.jsonl");
        JsonNode export = cli.run("dataset", "export", "1", "--out", out.toString(), "--accepted-only", "--json").ok().json();
        assertThat(export.path("examples").asLong()).isEqualTo(2);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"messages\":[{\"role\":\"system\"").contains("m0");
        assertThat(lines.get(1)).contains("rationale\\\": \\\"two");
        assertThat(cli.run("dataset", "export", "1", "--out", dir.resolve("all.jsonl").toString()).ok().out())
                .startsWith("wrote 9 examples to").contains("(1 left out)");
    }
}
