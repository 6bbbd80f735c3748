package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.BlobRef;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import io.batos.memory.AuditLines;
import io.batos.memory.CycleDocument;
import io.batos.memory.Ingestion;
import io.batos.memory.KnowledgeCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Kernel#memoryDocument}: one remembered cycle with its texts readable, whether the catalog
 * holds it (long prompts as blobs) or only the audit log does yet; never a commit.
 */
class MemoryDocumentTest {
    @TempDir
    Path dir;

    @Test
    void aCataloguedCycleComesWithItsBlobTextsAndALoggedOneFromTheLog() {
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE)) {
            Kernel kernel = new Kernel(vessel, "test");
            String prompt = "Write the method square. " + "Keep the Persistence Covenant. ".repeat(Ingestion.INLINE_LIMIT / 20);
            AuditLines.append(dir.resolve("metacognition.jsonl"), AuditLines.cycle("c00000000001", "square",
                    Instant.parse("2026-11-22T09:00:00Z"), prompt, "{\"selector\": \"square\"}", List.of()));
            vessel.memory().ingest();
            try (Transaction tx = vessel.image().begin("look", "test")) {
                CycleDocument stored = KnowledgeCatalog.require(tx).document("c00000000001").orElseThrow();
                assertThat(stored.exchanges().get(0).get("prompt")).as("kept as a blob").isInstanceOf(BlobRef.class);
            }
            AuditLines.append(dir.resolve("metacognition.jsonl"), AuditLines.cycle("c00000000002", "cube",
                    Instant.parse("2026-11-22T10:00:00Z"), "Write cube", "{\"selector\": \"cube\"}",
                    List.of(AuditLines.finding("sandbox", "error", "cube calls System.exit", 2))));
            long before = vessel.image().lastTx();

            CycleDocument square = kernel.memoryDocument("c00000000001");
            assertThat(square.outcome()).isEqualTo("COMPLETE");
            assertThat(square.exchanges().get(0).get("prompt")).isEqualTo(prompt);
            assertThat(square.exchanges().get(0).get("response")).isEqualTo("{\"selector\": \"square\"}");

            CycleDocument cube = kernel.memoryDocument("c00000000002");
            assertThat(cube.outcome()).as("not ingested yet: recollected from the log").isEqualTo("FAILED");
            assertThat(cube.findings()).extracting(f -> f.get("rule")).containsExactly("sandbox");

            assertThatThrownBy(() -> kernel.memoryDocument("c0000000000f")).isInstanceOf(ImageException.class)
                    .hasMessage("no cycle c0000000000f in Fractal Memory")
                    .satisfies(e -> assertThat(((ImageException) e).code()).isEqualTo(ImageException.Code.NOT_FOUND));
            assertThat(vessel.image().lastTx()).as("reading commits nothing").isEqualTo(before);
        }
    }
}
