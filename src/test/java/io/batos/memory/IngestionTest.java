package io.batos.memory;

import static io.batos.memory.AuditLines.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.BlobRef;
import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion of synthetic audit logs: the documents it makes, that nothing doubles, that nothing is
 * lost to a rotation, torn and malformed lines, archives, batches, and undo.
 */
class IngestionTest {
    @TempDir
    Path dir;
    private LivingImage image;
    private AuditFiles files;

    @BeforeEach
    void open() {
        image = MemoryImages.create(dir);
        files = new AuditFiles(dir);
    }

    @AfterEach
    void close() {
        image.close();
    }

    private Ingestion ingestion() {
        return new Ingestion(image, new FileRotation(files));
    }

    private Optional<CycleDocument> document(String cycle) {
        try (Transaction tx = image.begin("read")) {
            return KnowledgeCatalog.require(tx).document(cycle);
        }
    }

    private Cursor cursor() {
        try (Transaction tx = image.begin("read")) {
            return KnowledgeCatalog.require(tx).cursor();
        }
    }

    private long catalogSize() {
        try (Transaction tx = image.begin("read")) {
            return KnowledgeCatalog.require(tx).size();
        }
    }

    private String blob(Object value) throws IOException {
        try (InputStream in = image.blobs().open((BlobRef) value)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachCycleBecomesOneDocumentWithItsPathVoicesOutcomeFindingsAndTexts() throws IOException {
        String prompt = AuditLines.longPrompt("fibonacci");
        List<String> fib = AuditLines.cycle("c0ffee000001", "fibonacci", T0, prompt,
                "```java\nreturn n < 2 ? n : fib(n - 1) + fib(n - 2);\n```", List.of());
        List<String> prime = AuditLines.cycle("c0ffee000002", "isPrime", T0.plusSeconds(1), "short prompt",
                "bad code", List.of(AuditLines.finding("sandbox", "error", "uses java.io.File", 4),
                        AuditLines.finding("covenant", "warning", "no markChanged", 9)));
        // Interleaved, as concurrent cycles write them.
        List<String> log = new ArrayList<>();
        for (int i = 0; i < fib.size(); i++) {
            log.add(fib.get(i));
            log.add(prime.get(i));
        }
        AuditLines.append(files.current(), log);
        long size = Files.size(files.current());

        IngestResult result = ingestion().run();

        assertThat(result.events()).isEqualTo(18);
        assertThat(result.cycles()).isEqualTo(2);
        assertThat(result.newDocuments()).isEqualTo(2);
        assertThat(result.skipped()).isZero();
        assertThat(result.transactions()).isEqualTo(1);
        assertThat(result.cursor()).isEqualTo(new Cursor(1, size));
        assertThat(catalogSize()).isEqualTo(2);

        CycleDocument f = document("c0ffee000001").orElseThrow();
        assertThat(f.states()).containsExactly("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING", "VALIDATING",
                "COMPLETE");
        assertThat(f.personas()).containsExactly("BRICK", "BABS", "ROBIN", "ALFRED");
        assertThat(f.outcome()).isEqualTo("COMPLETE");
        assertThat(f.missionType()).isEqualTo("method");
        assertThat(f.selector()).isEqualTo("fibonacci");
        assertThat(f.transactionId()).isEqualTo(42L);
        assertThat(f.eventCount()).isEqualTo(9);
        assertThat(f.firstEvent()).isEqualTo(T0.toString());
        assertThat(f.lastEvent()).isEqualTo(T0.plusMillis(80).toString());
        assertThat(f.findings()).isEmpty();
        assertThat(f.depth()).isZero();
        assertThat(f.eventTypes()).contains("STATE_TRANSITION", "ARTIFACT_GENERATED", "VALIDATION_SUCCESS",
                "CYCLE_COMPLETE");
        // The long prompt went to the blob store; the short response stayed in the document.
        Map<String, Object> exchange = f.exchanges().get(0);
        assertThat(exchange.get("prompt")).isInstanceOf(BlobRef.class);
        assertThat(blob(exchange.get("prompt"))).isEqualTo(prompt);
        assertThat(exchange.get("response")).isInstanceOf(String.class);
        assertThat(exchange).containsEntry("persona", "ROBIN").containsEntry("state", "SYNTHESIZING");

        CycleDocument p = document("c0ffee000002").orElseThrow();
        assertThat(p.outcome()).isEqualTo("FAILED");
        assertThat(p.states()).endsWith("VALIDATING", "FAILED");
        assertThat(p.findings()).hasSize(2);
        assertThat(p.findings().get(0)).containsEntry("rule", "sandbox").containsEntry("severity", "error")
                .containsEntry("message", "uses java.io.File").containsEntry("line", 4L)
                .containsEntry("event", "VALIDATION_FAILURE");

        // Then the log was rotated: the cursor's bytes now live in the archive of generation 1.
        assertThat(result.rotation().archivedGeneration()).isEqualTo(1);
        assertThat(files.archive(1)).hasSize(size);
        assertThat(files.current()).doesNotExist();
        assertThat(files.generation()).isEqualTo(2);
        assertThat(cursor()).isEqualTo(new Cursor(1, size));
    }

    @Test
    void ingestingAgainDoublesNothingAndACycleThatStraddlesTwoIngestionsIsOneDocument() {
        List<String> fib = AuditLines.cycle("c1", "fibonacci", T0, "p", "r", List.of());
        AuditLines.append(files.current(), fib.subList(0, 4));
        assertThat(ingestion().run().events()).isEqualTo(4);
        long lastTx = image.lastTx();

        IngestResult again = ingestion().run();
        assertThat(again.events()).isZero();
        assertThat(again.transactions()).isZero();
        assertThat(image.lastTx()).as("a pass that finds nothing new commits nothing").isEqualTo(lastTx);
        assertThat(document("c1").orElseThrow().eventCount()).isEqualTo(4);
        assertThat(document("c1").orElseThrow().outcome()).isNull();

        // The rest of the cycle arrives in the next generation, with a new cycle.
        AuditLines.append(files.current(), fib.subList(4, fib.size()));
        AuditLines.append(files.current(), AuditLines.failedPlan("c2", "isPrime", T0.plusSeconds(5), "no steps"));
        IngestResult second = ingestion().run();
        assertThat(second.events()).isEqualTo(5 + 4);
        assertThat(second.cycles()).isEqualTo(2);
        assertThat(second.newDocuments()).isEqualTo(1);
        CycleDocument c1 = document("c1").orElseThrow();
        assertThat(c1.eventCount()).isEqualTo(9);
        assertThat(c1.outcome()).isEqualTo("COMPLETE");
        assertThat(c1.states()).containsExactly("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING", "VALIDATING",
                "COMPLETE");
        assertThat(catalogSize()).isEqualTo(2);
        assertThat(ingestion().run().events()).isZero();
        assertThat(document("c1").orElseThrow().eventCount()).isEqualTo(9);
    }

    @Test
    void eventsAppendedBetweenTheReadAndTheRotationAreIngestedNextTime() {
        List<String> cycle = AuditLines.cycle("c1", "greet", T0, "p", "r", List.of());
        AuditLines.append(files.current(), cycle.subList(0, 5));
        FileRotation plain = new FileRotation(files);
        // The writer keeps writing until the moment it rotates.
        LogRotation late = () -> {
            AuditLines.append(files.current(), cycle.subList(5, cycle.size()));
            return plain.rotate();
        };
        IngestResult first = new Ingestion(image, late).run();
        assertThat(first.events()).isEqualTo(5);
        assertThat(document("c1").orElseThrow().eventCount()).isEqualTo(5);
        assertThat(files.current()).doesNotExist();

        IngestResult second = ingestion().run();
        assertThat(second.events()).isEqualTo(4);
        assertThat(second.rotation()).as("nothing was read from the current generation").isNull();
        CycleDocument c1 = document("c1").orElseThrow();
        assertThat(c1.eventCount()).isEqualTo(9);
        assertThat(c1.outcome()).isEqualTo("COMPLETE");
        assertThat(cursor().generation()).isEqualTo(2);
        assertThat(ingestion().run().events()).isZero();
    }

    @Test
    void aTornLastLineWaitsWhileItMayBeWrittenAndIsSkippedOnceArchived() throws IOException {
        List<String> cycle = AuditLines.cycle("c1", "greet", T0, "p", "r", List.of());
        AuditLines.append(files.current(), cycle.subList(0, 3));
        long whole = Files.size(files.current());
        String half = cycle.get(3).substring(0, 40);
        AuditLines.appendRaw(files.current(), half);
        // Read without rotating: the half line is not consumed (the writer may be finishing it).
        IngestResult first = new Ingestion(image, () -> null).run();
        assertThat(first.events()).isEqualTo(3);
        assertThat(first.cursor()).isEqualTo(new Cursor(1, whole));
        AuditLines.appendRaw(files.current(), cycle.get(3).substring(40) + "\n");
        IngestResult second = new Ingestion(image, () -> null).run();
        assertThat(second.events()).isEqualTo(1);
        assertThat(second.skipped()).isZero();

        // A crash tore the next line; the rotation archives it as it is, and then it is torn for good.
        AuditLines.appendRaw(files.current(), cycle.get(4).substring(0, 30));
        IngestResult third = ingestion().run();
        assertThat(third.events()).isZero();
        assertThat(third.rotation()).isNotNull();
        IngestResult fourth = ingestion().run();
        assertThat(fourth.events()).isZero();
        assertThat(fourth.skipped()).isEqualTo(1);
        assertThat(fourth.warnings()).anySatisfy(w -> assertThat(w).contains("without its newline").contains("skipped"));
        assertThat(document("c1").orElseThrow().eventCount()).isEqualTo(4);
        assertThat(ingestion().run().skipped()).as("skipped once, not every time").isZero();
    }

    @Test
    void malformedLinesAreSkippedAndAnEventGluedOntoATornFragmentIsRecovered() {
        List<String> cycle = AuditLines.cycle("c1", "greet", T0, "p", "r", List.of());
        AuditLines.append(files.current(), cycle.subList(0, 2));
        AuditLines.appendRaw(files.current(), "this is not json\n");
        AuditLines.appendRaw(files.current(), "{\"timestamp\": \"2026-01-01T10:00:00Z\", \"no_cycle\": 1}\n");
        // A writer that crashed mid-line and restarted without a newline: fragment + whole event.
        AuditLines.appendRaw(files.current(), cycle.get(2).substring(0, 25) + cycle.get(2) + "\n");
        AuditLines.append(files.current(), cycle.subList(3, cycle.size()));
        IngestResult result = ingestion().run();
        assertThat(result.events()).isEqualTo(9);
        assertThat(result.skipped()).isEqualTo(3);
        assertThat(document("c1").orElseThrow().states()).containsExactly("IDLE", "DECOMPOSING", "DELEGATING",
                "SYNTHESIZING", "VALIDATING", "COMPLETE");
    }

    @Test
    void archivedGenerationsAreReadInOrderAndAMissingOneIsReportedAndPassed() throws IOException {
        List<String> cycle = AuditLines.cycle("c1", "greet", T0, "p", "r", List.of());
        AuditLines.append(files.archive(1), cycle.subList(0, 3));
        AuditLines.append(files.archive(3), cycle.subList(3, 6));
        Files.writeString(files.sidecar(), "4\n");
        AuditLines.append(files.current(), cycle.subList(6, 9));
        IngestResult result = ingestion().run();
        assertThat(result.events()).isEqualTo(9);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("generation 2 is missing"));
        assertThat(document("c1").orElseThrow().outcome()).isEqualTo("COMPLETE");
        assertThat(result.rotation().archivedGeneration()).isEqualTo(4);
        assertThat(files.generation()).isEqualTo(5);
    }

    @Test
    void batchesCommitSeparatelyAndTheCycleAcrossThemStaysOneDocument() {
        AuditLines.append(files.current(), AuditLines.cycle("c1", "greet", T0, "p", "r", List.of()));
        long before = image.lastTx();
        IngestResult result = new Ingestion(image, new FileRotation(files), 4).run();
        assertThat(result.transactions()).isEqualTo(3);
        assertThat(image.lastTx()).isEqualTo(before + 3);
        assertThat(result.events()).isEqualTo(9);
        assertThat(result.cycles()).isEqualTo(1);
        assertThat(result.newDocuments()).isEqualTo(1);
        assertThat(document("c1").orElseThrow().eventCount()).isEqualTo(9);
    }

    @Test
    void anUndoneIngestionIsIngestedAgainToTheSameDocuments() {
        AuditLines.append(files.current(), AuditLines.cycle("c1", "fibonacci", T0, AuditLines.longPrompt("x"), "r",
                List.of()));
        AuditLines.append(files.current(), AuditLines.failedPlan("c2", "isPrime", T0.plusSeconds(1), "no steps"));
        ingestion().run();
        Map<String, Object> c1 = document("c1").orElseThrow().toSlots();
        Map<String, Object> c2 = document("c2").orElseThrow().toSlots();

        image.undo(image.lastTx());
        assertThat(document("c1")).isEmpty();
        assertThat(catalogSize()).isZero();
        assertThat(cursor()).isEqualTo(Cursor.START);

        IngestResult again = ingestion().run();
        assertThat(again.events()).isEqualTo(13);
        assertThat(document("c1").orElseThrow().toSlots()).isEqualTo(c1);
        assertThat(document("c2").orElseThrow().toSlots()).isEqualTo(c2);
    }

    @Test
    void aCorrectionCycleKnowsItsParentAndDepth() {
        AuditLines.append(files.current(), AuditLines.failedPlan("p1", "isPrime", T0, "no steps"));
        AuditLines.append(files.current(), List.of(AuditLines.event("k1", "STATE_TRANSITION", T0.plusSeconds(1),
                Map.of("parent_cycle", "p1", "current_state", "IDLE", "transition_to", "DECOMPOSING"))));
        ingestion().run();
        CycleDocument child = document("k1").orElseThrow();
        assertThat(child.parentCycle()).isEqualTo("p1");
        assertThat(child.depth()).isEqualTo(1L);
        assertThat(document("p1").orElseThrow().depth()).isZero();
    }
}
