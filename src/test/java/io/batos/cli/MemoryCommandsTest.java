package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.memory.AuditLines;
import io.batos.testing.FileHash;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batos audit ingest} and {@code batos memory search}: output shapes, exit codes, and that
 * search never writes the image.
 */
class MemoryCommandsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    private CliRunner withLog() {
        CliRunner cli = new CliRunner(dir.resolve("image"));
        cli.run("image", "init").ok();
        List<String> lines = new ArrayList<>();
        lines.addAll(AuditLines.cycle("aa0000000001", "fibonacci", T0, "write fibonacci", "self.markChanged();",
                List.of()));
        lines.addAll(AuditLines.cycle("aa0000000002", "isPrime", T0.plusSeconds(5), "write isPrime", "while(true)",
                List.of()));
        AuditLines.append(cli.image().resolve("metacognition.jsonl"), lines);
        return cli;
    }

    @Test
    void auditIngestSaysHowManyEventsAndCyclesItTookIn() {
        CliRunner cli = withLog();
        JsonNode first = cli.run("audit", "ingest", "--json").ok().json();
        assertThat(first.path("events").asLong()).isEqualTo(18);
        assertThat(first.path("cycles").asLong()).isEqualTo(2);
        assertThat(first.path("rotatedGeneration").asLong()).isEqualTo(1);
        JsonNode again = cli.run("audit", "ingest", "--json").ok().json();
        assertThat(again.path("events").asLong()).isZero();
        assertThat(again.path("cycles").asLong()).isZero();
        assertThat(cli.run("audit", "ingest").ok().out()).startsWith("ingested 0 events of 0 cycles");
        assertThat(cli.run("get", "lobby.knowledgeCatalog", "documents").ok().json().asLong()).isEqualTo(2);
    }

    @Test
    void memorySearchPrintsHitsAndNeverWritesTheImage() throws Exception {
        CliRunner cli = withLog();
        cli.run("audit", "ingest").ok();
        Path log = cli.image().resolve("image.log");
        String before = FileHash.fromChild(log);

        JsonNode hits = cli.run("memory", "search", "selector:fibonacci", "--json").ok().json();
        assertThat(hits.isArray()).isTrue();
        assertThat(hits).hasSize(1);
        JsonNode hit = hits.get(0);
        assertThat(hit.path("cycleId").asText()).isEqualTo("aa0000000001");
        assertThat(hit.path("outcome").asText()).isEqualTo("COMPLETE");
        assertThat(hit.path("selector").asText()).isEqualTo("fibonacci");
        assertThat(hit.path("score").asDouble()).isPositive();
        assertThat(hit.path("snippet").asText()).contains("**fibonacci**");
        assertThat(cli.run("memory", "search", "*:*", "--json", "--limit", "1").ok().json()).hasSize(1);
        assertThat(cli.run("memory", "search", "nothingmatchesthis", "--json").ok().json()).isEmpty();
        String text = cli.run("memory", "search", "markChanged").ok().out();
        assertThat(text).contains("aa0000000001", "COMPLETE", "fibonacci").doesNotContain("aa0000000002");

        assertThat(FileHash.fromChild(log)).as("search is read-only on the image").isEqualTo(before);
    }

    @Test
    void badQueriesLimitsAndMissingImagesExitAsSection12Says() throws Exception {
        CliRunner cli = withLog();
        cli.run("audit", "ingest").ok();
        String before = FileHash.fromChild(cli.image().resolve("image.log"));
        assertThat(cli.run("memory", "search", "outcome:(FAILED").exits(2).oneErrorLine().err()).contains("bad query");
        assertThat(cli.run("memory", "search", "*:*", "--limit", "0").exits(2).oneErrorLine().err()).contains("--limit");
        assertThat(FileHash.fromChild(cli.image().resolve("image.log"))).isEqualTo(before);

        CliRunner none = new CliRunner(dir.resolve("none"));
        none.run("memory", "search", "x").exits(8).oneErrorLine();
        none.run("audit", "ingest", "--json").exits(8).oneErrorLine();
    }
}
