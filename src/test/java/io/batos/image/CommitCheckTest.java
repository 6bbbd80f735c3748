package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.testing.FileHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's one hook for the rules of the layers above: a commit check sees the final write set
 * before anything is written, can refuse the commit (nothing written), and cannot write itself.
 */
class CommitCheckTest {
    @TempDir
    Path dir;
    LivingImage image;
    long a;
    long b;

    @BeforeEach
    void open() {
        image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        long[] oids = image.inTransaction("seed", tx -> {
            long first = tx.create();
            long second = tx.create();
            tx.set(first, "n", 1L);
            tx.set(second, "n", 1L);
            return new long[] {first, second};
        });
        a = oids[0];
        b = oids[1];
    }

    @AfterEach
    void close() {
        image.close();
    }

    @Test
    void aCheckSeesTheChangedOidsAndTheTransactionsOwnWrites() {
        List<List<Long>> seen = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        image.addCommitCheck((tx, changed) -> {
            seen.add(changed);
            values.add(tx.get(b, "n"));
        });
        long created = image.inTransaction("change two, read one", tx -> {
            tx.get(a, "n");
            tx.set(b, "n", 2L);
            long c = tx.create();
            tx.set(c, "n", 3L);
            return c;
        });
        assertThat(seen).containsExactly(List.of(b, created));
        assertThat(values).containsExactly(2L);
        assertThatThrownBy(() -> seen.get(0).add(99L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRefusalFailsTheCommitWithItsOwnExceptionAndWritesNothing() {
        image.addCommitCheck((tx, changed) -> {
            if (changed.contains(b)) {
                throw new ImageException(ImageException.Code.REJECTED, "b is frozen");
            }
        });
        Path log = dir.resolve("image.log");
        Path index = dir.resolve("index.db");
        String before = FileHash.fromChild(log, index);
        long lastTx = image.lastTx();
        Transaction tx = image.begin("touch b");
        tx.set(b, "n", 5L);
        assertThatThrownBy(tx::commit).isInstanceOfSatisfying(ImageException.class,
                e -> assertThat(e.code()).isEqualTo(ImageException.Code.REJECTED)).hasMessage("b is frozen");
        assertThat(tx.isOpen()).isFalse();
        assertThat(image.lastTx()).isEqualTo(lastTx);
        assertThat(FileHash.fromChild(log, index)).isEqualTo(before);
        try (Transaction read = image.begin("read")) {
            assertThat(read.get(b, "n")).isEqualTo(1L);
        }
        long next = image.inTransaction("touch a", t -> {
            t.set(a, "n", 5L);
            return t.commit();
        });
        assertThat(next).isEqualTo(lastTx + 1);
    }

    @Test
    void aCheckCannotWriteBecauseItsWritesWouldBeLost() {
        image.addCommitCheck((tx, changed) -> tx.set(a, "sneaky", true));
        Transaction tx = image.begin("touch b");
        tx.set(b, "n", 5L);
        assertThatThrownBy(tx::commit).isInstanceOf(ImageException.class).hasMessageContaining("may read it but not write");
        try (Transaction read = image.begin("read")) {
            assertThat(read.has(a, "sneaky")).isFalse();
            assertThat(read.get(b, "n")).isEqualTo(1L);
        }
    }

    @Test
    void aCommitThatWritesNothingRunsNoCheck() {
        List<Long> calls = new ArrayList<>();
        image.addCommitCheck((tx, changed) -> calls.add((long) changed.size()));
        try (Transaction tx = image.begin("read only")) {
            tx.get(a, "n");
            assertThat(tx.commit()).isZero();
        }
        assertThat(calls).isEmpty();
    }
}
