package io.batos.memory;

import static io.batos.memory.AuditLines.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.LivingImage;
import io.batos.image.ObjectRef;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.kernel.Vessel;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge catalog's shape in the image: genesis makes it and ALFRED's primitive slot, the
 * documents hang one per object from 256 shards by hash, and ALFRED's primitive ingests.
 */
class CatalogTest {
    @TempDir
    Path dir;

    @Test
    void genesisTwelveMakesTheCatalogAndAlfredsPrimitiveSlotOnce() {
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE);
             Transaction tx = vessel.image().begin("read")) {
            KnowledgeCatalog catalog = KnowledgeCatalog.require(tx);
            assertThat(catalog.cursor()).isEqualTo(Cursor.START);
            assertThat(catalog.size()).isZero();
            UvmObject lobby = vessel.space().lobby(tx);
            UvmObject alfred = lobby.resolve((ObjectRef) lobby.resolve((ObjectRef) lobby.get("personas")).get("ALFRED"));
            assertThat(alfred.get(MemoryGenesis.INGEST_SELECTOR)).isEqualTo(new Primitive(MemoryGenesis.INGEST_PRIMITIVE));
        }
        try (Vessel again = Vessel.open(image, LivingImage.OpenMode.EXISTING)) {
            assertThat(again.genesisApplied()).isEmpty();
        }
    }

    @Test
    void alfredAnswersIngestCognitiveAuditLogWithWhatHeTookIn() {
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            AuditLines.append(new AuditFiles(image).current(), AuditLines.failedPlan("c1", "isPrime", T0, "no steps"));
            ObjectSpace space = vessel.space();
            Object answer = space.inTransaction("ask ALFRED", "test", tx -> {
                UvmObject lobby = space.lobby(tx);
                UvmObject alfred = lobby.resolve((ObjectRef) lobby.resolve((ObjectRef) lobby.get("personas")).get("ALFRED"));
                return alfred.send(MemoryGenesis.INGEST_SELECTOR);
            });
            assertThat(answer).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) answer;
            assertThat(result).containsEntry("events", 4L).containsEntry("cycles", 1L);
            try (Transaction tx = vessel.image().begin("read")) {
                assertThat(KnowledgeCatalog.require(tx).document("c1")).isPresent();
            }
        }
    }

    @Test
    void documentsHangOnePerObjectFromShardsChosenByTheHashOfTheCycleId() {
        try (LivingImage image = MemoryImages.create(dir)) {
            AuditFiles files = new AuditFiles(dir);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                lines.addAll(AuditLines.failedPlan(String.format("%012x", i * 7919L), "s" + i, T0.plusSeconds(i), "m"));
            }
            AuditLines.append(files.current(), lines);
            new Ingestion(image, new FileRotation(files)).run();
            try (Transaction tx = image.begin("read")) {
                KnowledgeCatalog catalog = KnowledgeCatalog.require(tx);
                assertThat(catalog.size()).isEqualTo(600);
                long shardsOid = ((ObjectRef) tx.get(catalog.oid(), KnowledgeCatalog.SHARDS)).oid();
                List<String> prefixes = tx.slotNames(shardsOid);
                assertThat(prefixes).allMatch(p -> p.matches("[0-9a-f]{2}")).hasSizeGreaterThan(200).hasSizeLessThanOrEqualTo(256);
                long total = 0;
                List<Long> documents = new ArrayList<>();
                for (String prefix : prefixes) {
                    long shard = ((ObjectRef) tx.get(shardsOid, prefix)).oid();
                    List<String> cycles = tx.slotNames(shard);
                    assertThat(cycles).allMatch(c -> KnowledgeCatalog.shardOf(c).equals(prefix));
                    assertThat(cycles.size()).as("a shard holds a small share").isLessThan(20);
                    for (String cycle : cycles) {
                        documents.add(((ObjectRef) tx.get(shard, cycle)).oid());
                    }
                    total += cycles.size();
                }
                assertThat(total).isEqualTo(600);
                assertThat(documents).doesNotHaveDuplicates();
                assertThat(KnowledgeCatalog.read(tx, documents.get(0)).eventCount()).isEqualTo(4);
            }
        }
    }

    @Test
    void aDocumentReadsBackFromItsSlotsAsItWasWritten() {
        CycleDocument doc = new CycleDocument("c1");
        for (String line : AuditLines.cycle("c1", "greet", T0, "p", "r",
                List.of(AuditLines.finding("sandbox", "error", "no files", 2)))) {
            doc.absorb(AuditEvent.parse(line.getBytes(), 0, line.length()).orElseThrow());
        }
        Map<String, Object> slots = doc.toSlots();
        assertThat(CycleDocument.fromSlots(slots).toSlots()).isEqualTo(slots);
        assertThat(CycleDocument.fromSlots(Map.of())).isNull();
    }
}
