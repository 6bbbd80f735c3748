package io.batos.memory;

import static io.batos.memory.AuditLines.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lucene search over the catalog: words and fields, limit and order, snippets, syntax errors, and
 * an index that follows the image (new ingestions, undo, pack) and is rebuilt when it is missing,
 * corrupt or someone else's.
 */
class MemorySearchTest {
    private static final String FIB_CODE = "```java\nObject fibonacci(UvmObject self, Object n) {\n"
            + "  self.set(\"memo\", n);\n  self.markChanged();\n  return n;\n}\n```";

    @TempDir
    Path dir;
    private LivingImage image;
    private AuditFiles files;
    private MemorySearch memory;

    @BeforeEach
    void open() {
        image = MemoryImages.create(dir);
        files = new AuditFiles(dir);
        List<String> lines = new ArrayList<>();
        // fib-ok: complete, the long prompt (a blob) has a rare word; fib-bad: refused by the sandbox;
        // prime-plan: BRICK's plan failed; greet-data: a data mission.
        lines.addAll(AuditLines.cycle("f1b000000001", "fibonacci", T0, AuditLines.longPrompt("quux"), FIB_CODE,
                List.of()));
        lines.addAll(AuditLines.cycle("f1b000000002", "fibonacci", T0.plusSeconds(60), "write fibonacci",
                "new java.io.File(\"x\")", List.of(AuditLines.finding("sandbox", "error", "java.io.File is forbidden", 2))));
        lines.addAll(AuditLines.failedPlan("917e00000003", "isPrime", T0.plusSeconds(120), "the plan has no steps"));
        List<String> data = new ArrayList<>();
        for (String line : AuditLines.cycle("d47a00000004", "greet", T0.plusSeconds(86_400), "a party", "{}", List.of())) {
            data.add(line.replace("\"mission_type\":\"method\"", "\"mission_type\":\"data\""));
        }
        lines.addAll(data);
        AuditLines.append(files.current(), lines);
        ingest();
        memory = MemorySearch.open(image);
    }

    @AfterEach
    void close() {
        if (memory != null) {
            memory.close();
        }
        image.close();
    }

    private IngestResult ingest() {
        return new Ingestion(image, new FileRotation(files)).run();
    }

    private List<String> ids(String query) {
        return ids(query, 10);
    }

    private List<String> ids(String query, int limit) {
        return memory.search(query, limit).stream().map(Hit::cycleId).toList();
    }

    @Test
    void fieldsMatchWholeValuesWhateverTheirCase() {
        assertThat(ids("outcome:FAILED AND persona:BRICK")).containsExactlyInAnyOrder("f1b000000002", "917e00000003");
        assertThat(ids("outcome:FAILED AND NOT persona:ROBIN")).containsExactly("917e00000003");
        assertThat(ids("selector:fibonacci")).containsExactlyInAnyOrder("f1b000000001", "f1b000000002");
        assertThat(ids("selector:Fibonacci")).containsExactlyInAnyOrder("f1b000000001", "f1b000000002");
        assertThat(ids("selector:isprime")).containsExactly("917e00000003");
        assertThat(ids("selector:fib")).as("keywords are whole values").isEmpty();
        assertThat(ids("selector:fib*")).hasSize(2);
        assertThat(ids("mission_type:data")).containsExactly("d47a00000004");
        assertThat(ids("rule:sandbox")).containsExactly("f1b000000002");
        assertThat(ids("event_type:VALIDATION_FAILURE")).containsExactlyInAnyOrder("f1b000000002", "917e00000003");
        assertThat(ids("state:DECOMPOSING AND NOT state:DELEGATING")).containsExactly("917e00000003");
        assertThat(ids("date:2026-01-02")).containsExactly("d47a00000004");
        assertThat(ids("started:[2026-01-01T10:00:30 TO 2026-01-01T10:03:00]"))
                .containsExactlyInAnyOrder("f1b000000002", "917e00000003");
    }

    @Test
    void wordsAreFoundInFindingsResponsesAndPromptsHeldAsBlobs() {
        assertThat(ids("forbidden")).containsExactly("f1b000000002");
        assertThat(ids("markChanged")).containsExactly("f1b000000001");
        assertThat(ids("markchanged")).containsExactly("f1b000000001");
        assertThat(ids("zebracornquux")).as("a word only in the long prompt, stored as a blob")
                .containsExactly("f1b000000001");
        assertThat(ids("response:markChanged")).containsExactly("f1b000000001");
        assertThat(ids("prompt:markChanged")).isEmpty();
        assertThat(ids("finding:steps")).containsExactly("917e00000003");

        Hit hit = memory.search("markChanged", 1).get(0);
        assertThat(hit.outcome()).isEqualTo("COMPLETE");
        assertThat(hit.selector()).isEqualTo("fibonacci");
        assertThat(hit.score()).isPositive();
        assertThat(hit.snippet()).contains("**markChanged**").doesNotContain("\n");
    }

    @Test
    void theBestComeFirstThenTheNewestAndTheLimitHolds() {
        List<Hit> hits = memory.search("selector:fibonacci OR rule:sandbox", 10);
        assertThat(hits.get(0).cycleId()).as("matches both").isEqualTo("f1b000000002");
        assertThat(hits.get(1).cycleId()).isEqualTo("f1b000000001");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(Hit::score).reversed());
        // Equal scores: newest last event first.
        assertThat(ids("*:*")).containsExactly("d47a00000004", "917e00000003", "f1b000000002", "f1b000000001");
        assertThat(ids("*:*", 2)).containsExactly("d47a00000004", "917e00000003");
        assertThatThrownBy(() -> memory.search("*:*", 0)).isInstanceOf(ImageException.class)
                .extracting(e -> ((ImageException) e).code()).isEqualTo(ImageException.Code.USAGE);
    }

    @Test
    void badSyntaxIsAUsageErrorOnOneLine() {
        for (String bad : List.of("outcome:(FAILED", "AND", "selector:\"open", " ")) {
            assertThatThrownBy(() -> memory.search(bad, 5)).as(bad).isInstanceOf(ImageException.class)
                    .satisfies(e -> {
                        assertThat(((ImageException) e).code()).isEqualTo(ImageException.Code.USAGE);
                        assertThat(e.getMessage()).doesNotContain("\n");
                    });
        }
    }

    @Test
    void theIndexCatchesUpWithNewIngestionsAndCyclesThatGrew() {
        assertThat(memory.lastCatchUp()).startsWith("REBUILT");
        AuditLines.append(files.current(), AuditLines.failedPlan("917e00000005", "isPrime", T0.plusSeconds(200),
                "a plan without a wombat"));
        List<String> late = AuditLines.failedPlan("917e00000003", "isPrime", T0.plusSeconds(300), "late okapi finding");
        AuditLines.append(files.current(), late.subList(1, 2));
        ingest();
        assertThat(ids("wombat")).containsExactly("917e00000005");
        assertThat(memory.lastCatchUp()).isEqualTo("CAUGHT_UP");
        assertThat(ids("okapi")).as("a document changed in place").containsExactly("917e00000003");
        assertThat(memory.lastCatchUp()).isEqualTo("CURRENT");
    }

    @Test
    void anUndoneIngestionDisappearsFromSearch() {
        AuditLines.append(files.current(), AuditLines.failedPlan("917e00000005", "isPrime", T0.plusSeconds(200),
                "a plan without a wombat"));
        ingest();
        assertThat(ids("wombat")).containsExactly("917e00000005");
        image.undo(image.lastTx());
        assertThat(ids("wombat")).isEmpty();
        assertThat(memory.lastCatchUp()).as("followed, not rebuilt").isEqualTo("CAUGHT_UP");
        assertThat(ids("*:*")).hasSize(4);
        // Ingested again (the archive still holds it), it is found again.
        ingest();
        assertThat(ids("wombat")).containsExactly("917e00000005");
    }

    @Test
    void aDeletedOrCorruptIndexIsRebuiltFromTheCatalog() throws IOException {
        Path index = memory.index().path();
        memory.close();
        deleteTree(index);
        memory = MemorySearch.open(image);
        assertThat(memory.lastCatchUp()).isEqualTo("REBUILT: there was no index");
        assertThat(ids("*:*")).hasSize(4);

        memory.close();
        try (Stream<Path> list = Files.list(index)) {
            for (Path file : list.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, "not a segments file at all".getBytes());
            }
        }
        memory = MemorySearch.open(image);
        assertThat(memory.lastCatchUp()).startsWith("REBUILT: the index was unreadable");
        assertThat(ids("selector:fibonacci")).hasSize(2);
    }

    @Test
    void anIndexFromAnotherImageOrAheadOfThisOneIsRebuilt() throws IOException {
        Path index = memory.index().path();
        memory.close();
        memory = null;
        Path other = dir.resolve("other");
        try (LivingImage second = MemoryImages.create(other)) {
            copyTree(index, other.resolve("vessel").resolve("memory-index"));
            try (MemorySearch search = MemorySearch.open(second)) {
                assertThat(search.lastCatchUp()).startsWith("REBUILT: the index belongs to another image");
                assertThat(search.search("*:*", 10)).isEmpty();
            }
        }
        memory = MemorySearch.open(image);
        assertThat(memory.lastCatchUp()).as("the first index was left alone").isEqualTo("CURRENT");
    }

    @Test
    void anIndexAheadOfARestoredBackupOrFromOneThatWentOnDifferentlyIsRebuilt() throws IOException {
        Path backup = dir.resolve("backup");
        image.backup(backup);
        AuditLines.append(files.current(), AuditLines.failedPlan("917e00000005", "isPrime", T0.plusSeconds(200),
                "a plan without a wombat"));
        ingest();
        assertThat(ids("wombat")).hasSize(1);
        Path index = memory.index().path();
        memory.close();
        memory = null;
        Path copied = backup.resolve("vessel").resolve("memory-index");
        try (LivingImage restored = LivingImage.open(backup, LivingImage.OpenMode.EXISTING)) {
            copyTree(index, copied);
            try (MemorySearch search = MemorySearch.open(restored)) {
                assertThat(search.lastCatchUp()).startsWith("REBUILT: the index is ahead of the image");
                assertThat(search.search("wombat", 10)).isEmpty();
                assertThat(search.search("*:*", 10)).hasSize(4);
            }
            // The restored image goes on to the same transaction number with other work.
            while (restored.lastTx() < image.lastTx()) {
                restored.inTransaction("other work", tx -> {
                    tx.set(LivingImage.ROOT_OID, "note", "elsewhere " + tx.snapshot());
                    return null;
                });
            }
            deleteTree(copied);
            copyTree(index, copied);
            try (MemorySearch search = MemorySearch.open(restored)) {
                assertThat(search.lastCatchUp()).contains("REBUILT: transaction").contains("is not the one the index saw");
                assertThat(search.search("wombat", 10)).isEmpty();
            }
        }
        memory = MemorySearch.open(image);
        assertThat(ids("wombat")).hasSize(1);
    }

    @Test
    void searchFollowsPack() {
        AuditLines.append(files.current(), AuditLines.failedPlan("917e00000005", "isPrime", T0.plusSeconds(200),
                "a plan without a wombat"));
        ingest();
        image.undo(image.lastTx());
        image.pack(image.lastTx());
        assertThat(ids("wombat")).isEmpty();
        assertThat(ids("*:*")).hasSize(4);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> list = Files.list(from)) {
            for (Path file : list.toList()) {
                if (!file.getFileName().toString().equals("write.lock")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }
}
