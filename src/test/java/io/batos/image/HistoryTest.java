package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log as biography: history, revisions, past states, undo, pack and backup. */
class HistoryTest {
    @TempDir
    Path dir;
    LivingImage image;
    long counter;

    @BeforeEach
    void open() {
        image = LivingImage.open(dir.resolve("img"), LivingImage.OpenMode.CREATE);
        counter = image.inTransaction("make counter", tx -> {
            long o = tx.create();
            tx.set(o, "count", 0L);
            tx.set(LivingImage.ROOT_OID, "counter", new ObjectRef(o));
            return o;
        });
        for (long i = 1; i <= 3; i++) {
            long value = i;
            image.inTransaction("count " + i, "test", tx -> {
                tx.set(counter, "count", value);
                return null;
            });
        }
    }

    @AfterEach
    void close() {
        image.close();
    }

    @Test
    void historyListsTransactionsOldestFirstWithNotesOriginsAndOids() {
        List<TxInfo> history = image.history();
        assertThat(history).extracting(TxInfo::txId).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(history.get(0).note()).isEqualTo("image created");
        assertThat(history.get(4).note()).isEqualTo("count 3");
        assertThat(history.get(4).origin()).isEqualTo("test");
        assertThat(history.get(4).oids()).containsExactly(counter);
        assertThat(history.get(1).oids()).containsExactlyInAnyOrder(LivingImage.ROOT_OID, counter);
    }

    @Test
    void anObjectCanBeSeenAsOfAnyPastTransaction() {
        assertThat(image.revisions(counter)).containsExactly(5L, 4L, 3L, 2L);
        assertThat(image.stateAt(counter, 2)).containsEntry("count", 0L);
        assertThat(image.stateAt(counter, 4)).containsEntry("count", 2L);
        assertThat(image.stateAt(counter, 1)).as("did not exist yet").isNull();
    }

    @Test
    void undoRestoresTheStateBeforeInANewTransaction() {
        long undo = image.undo(5);
        assertThat(undo).isEqualTo(6);
        assertThat(image.stateAt(counter, undo)).containsEntry("count", 2L);
        assertThat(image.transaction(undo).note()).isEqualTo("undo tx 5");
        assertThat(image.transaction(undo).origin()).isEqualTo("undo");
    }

    @Test
    void undoIsRefusedWhenALaterTransactionChangedTheSameObjects() {
        long last = image.lastTx();
        assertThatThrownBy(() -> image.undo(4))
                .isInstanceOf(ImageException.class)
                .hasMessage("cannot undo tx 4: @" + counter + " was changed later by tx 5")
                .extracting(e -> ((ImageException) e).code()).isEqualTo(ImageException.Code.REJECTED);
        assertThat(image.lastTx()).isEqualTo(last);
        assertThatThrownBy(() -> image.undo(99)).extracting(e -> ((ImageException) e).code())
                .isEqualTo(ImageException.Code.NOT_FOUND);
    }

    @Test
    void packFoldsOldHistoryAndDropsUnreachableObjects() {
        long orphan = image.inTransaction("orphan", tx -> {
            long o = tx.create();
            tx.set(o, "lonely", true);
            return o;
        });
        long bytesBefore = image.info().logBytes();
        PackReport report = image.pack(image.lastTx());
        assertThat(report.removedObjects()).isEqualTo(1);
        assertThat(report.bytesAfter()).isLessThan(bytesBefore);
        assertThat(image.info().objects()).isEqualTo(2);
        assertThat(image.stateAt(counter, image.lastTx())).containsEntry("count", 3L);
        try (Transaction tx = image.begin("read")) {
            assertThat(tx.exists(orphan)).isFalse();
        }
        assertThat(image.history()).hasSize(1);
        assertThat(image.verify().problems()).isEmpty();
        image.inTransaction("after pack", tx -> {
            tx.set(counter, "count", 4L);
            return null;
        });
        assertThat(image.revisions(counter)).hasSize(2);
    }

    @Test
    void packNeverDropsWhatAnOpenTransactionCanRead() {
        Transaction old = image.begin("old reader");
        image.inTransaction("later", tx -> {
            tx.set(counter, "count", 100L);
            return null;
        });
        PackReport report = image.pack(image.lastTx());
        assertThat(report.bound()).isEqualTo(old.snapshot());
        assertThat(old.get(counter, "count")).isEqualTo(3L);
        old.abort();
        assertThat(image.verify().problems()).isEmpty();
    }

    @Test
    void packedHistoryKeepsLaterRevisionsAndSurvivesReopen() {
        image.pack(3);
        assertThat(image.history()).extracting(TxInfo::txId).containsExactly(3L, 4L, 5L);
        assertThat(image.stateAt(counter, 4)).containsEntry("count", 2L);
        image.close();
        image = LivingImage.open(dir.resolve("img"), LivingImage.OpenMode.EXISTING);
        assertThat(image.verify().problems()).isEmpty();
        assertThat(image.stateAt(counter, image.lastTx())).containsEntry("count", 3L);
    }

    @Test
    void backupOfALiveImageIsAConsistentImageWithItsBlobs() {
        BlobRef blob = image.blobs().put(new ByteArrayInputStream("weights".getBytes(StandardCharsets.UTF_8)));
        image.inTransaction("blob", tx -> {
            tx.set(counter, "weights", blob);
            return null;
        });
        image.blobs().put(new ByteArrayInputStream("unreferenced".getBytes(StandardCharsets.UTF_8)));
        Path copy = dir.resolve("backup");
        BackupReport report = image.backup(copy);
        assertThat(report.lastTx()).isEqualTo(image.lastTx());
        assertThat(report.blobs()).isEqualTo(1);
        image.inTransaction("after backup", tx -> {
            tx.set(counter, "count", 42L);
            return null;
        });
        try (LivingImage restored = LivingImage.open(copy, LivingImage.OpenMode.EXISTING)) {
            assertThat(restored.lastTx()).isEqualTo(report.lastTx());
            assertThat(restored.stateAt(counter, restored.lastTx())).containsEntry("count", 3L)
                    .containsEntry("weights", blob);
            assertThat(restored.blobs().contains(blob)).isTrue();
            assertThat(restored.verify().problems()).isEmpty();
        }
        assertThatThrownBy(() -> image.backup(copy)).hasMessageContaining("already holds an image");
    }

    @Test
    void verifyNamesAMissingBlob() throws Exception {
        BlobRef blob = image.blobs().put(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        image.inTransaction("blob", tx -> {
            tx.set(counter, "weights", blob);
            return null;
        });
        image.blobs().delete(blob);
        assertThat(image.verify().problems()).singleElement().asString().contains(blob.sha256());
    }
}
