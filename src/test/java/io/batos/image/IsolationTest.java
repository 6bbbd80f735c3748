package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.testing.FileHash;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot isolation with slot-level, first-committer-wins conflict detection (DESIGN.md §3). */
class IsolationTest {
    @TempDir
    Path dir;
    LivingImage image;
    long a;
    long b;

    @BeforeEach
    void open() {
        image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        a = image.inTransaction("a", tx -> {
            long o = tx.create();
            tx.set(o, "x", 0L);
            tx.set(o, "y", 0L);
            return o;
        });
        b = image.inTransaction("b", tx -> {
            long o = tx.create();
            tx.set(o, "x", 0L);
            return o;
        });
    }

    @AfterEach
    void close() {
        image.close();
    }

    @Test
    void transactionsOnDistinctObjectsBothCommit() {
        Transaction t1 = image.begin("t1");
        Transaction t2 = image.begin("t2");
        t1.set(a, "x", 1L);
        t2.set(b, "x", 2L);
        assertThat(t1.commit()).isPositive();
        assertThat(t2.commit()).isPositive();
        assertThat(read(a, "x")).isEqualTo(1L);
        assertThat(read(b, "x")).isEqualTo(2L);
    }

    @Test
    void transactionsOnDistinctSlotsOfOneObjectBothCommitAndMerge() {
        Transaction t1 = image.begin("t1");
        Transaction t2 = image.begin("t2");
        t1.set(a, "x", 1L);
        t2.set(a, "y", 2L);
        t2.set(a, "z", 3L);
        t1.commit();
        t2.commit();
        assertThat(read(a, "x")).isEqualTo(1L);
        assertThat(read(a, "y")).isEqualTo(2L);
        assertThat(read(a, "z")).isEqualTo(3L);
    }

    @Test
    void theSecondWriterOfOneSlotGetsAConflictAndNothingOfItIsVisible() {
        Transaction t1 = image.begin("t1");
        Transaction t2 = image.begin("t2");
        t1.set(a, "x", 1L);
        t2.set(a, "x", 2L);
        t2.set(b, "x", 99L);
        long winner = t1.commit();
        long lastBefore = image.lastTx();
        assertThatThrownBy(t2::commit)
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("slot 'x' of @" + a)
                .hasMessageContaining("tx " + winner);
        assertThat(image.lastTx()).isEqualTo(lastBefore);
        assertThat(read(a, "x")).isEqualTo(1L);
        assertThat(read(b, "x")).isEqualTo(0L);
    }

    @Test
    void parentsCountAsASlotForConflicts() {
        Transaction t1 = image.begin("t1");
        Transaction t2 = image.begin("t2");
        t1.set(a, LivingImage.PARENTS_SLOT, List.of(new ObjectRef(b)));
        t2.set(a, LivingImage.PARENTS_SLOT, List.of());
        t1.commit();
        assertThatThrownBy(t2::commit).isInstanceOf(ConflictException.class);
    }

    @Test
    void aTransactionReadsItsSnapshotWhileOthersCommit() {
        Transaction reader = image.begin("long reader");
        image.inTransaction("w", tx -> {
            tx.set(a, "x", 5L);
            return null;
        });
        assertThat(reader.get(a, "x")).isEqualTo(0L);
        assertThat(reader.snapshot()).isLessThan(image.lastTx());
        reader.abort();
    }

    @Test
    void refreshAdoptsANewerCommittedSlotOnlyWhenNotWritten() {
        Transaction waiting = image.begin("waiting caller");
        waiting.set(a, "y", 7L);
        assertThat(waiting.has(a, "greet")).isFalse();
        image.inTransaction("a cycle installs greet", tx -> {
            tx.set(a, "greet", new MethodSource("Object greet(UvmObject self, Object... args) { return 1; }"));
            tx.set(a, "y", 100L);
            return null;
        });
        assertThat(waiting.refresh(a, "greet")).isTrue();
        assertThat(waiting.get(a, "greet")).isInstanceOf(MethodSource.class);
        assertThat(waiting.refresh(a, "y")).isFalse();
        assertThat(waiting.get(a, "y")).isEqualTo(7L);
        assertThatThrownBy(waiting::commit).isInstanceOf(ConflictException.class);
    }

    @Test
    void refreshedSlotDoesNotBlockTheCallersOtherWrites() {
        Transaction waiting = image.begin("waiting caller");
        waiting.get(a, "x");
        image.inTransaction("a cycle installs greet", tx -> {
            tx.set(a, "greet", "hello");
            return null;
        });
        waiting.refresh(a, "greet");
        waiting.set(a, "y", 7L);
        waiting.commit();
        assertThat(read(a, "greet")).isEqualTo("hello");
        assertThat(read(a, "y")).isEqualTo(7L);
    }

    @Test
    void doomedTransactionCannotCommit() {
        Transaction tx = image.begin("doomed");
        tx.set(a, "x", 1L);
        tx.doom("the model's answer was unusable");
        assertThatThrownBy(tx::commit).hasMessageContaining("the model's answer was unusable");
        assertThat(read(a, "x")).isEqualTo(0L);
    }

    @Test
    void savepointRollbackUndoesLaterWritesAndCreations() {
        Transaction tx = image.begin("trial");
        tx.set(a, "x", 1L);
        Savepoint sp = tx.savepoint();
        tx.set(a, "x", 2L);
        tx.set(a, "trial", "scribble");
        long created = tx.create();
        tx.set(created, "z", 1L);
        tx.rollbackTo(sp);
        assertThat(tx.get(a, "x")).isEqualTo(1L);
        assertThat(tx.has(a, "trial")).isFalse();
        assertThat(tx.exists(created)).isFalse();
        tx.commit();
        assertThat(read(a, "x")).isEqualTo(1L);
        assertThat(read(a, "trial")).isNull();
    }

    @Test
    void inTransactionRetriesOnConflict() {
        int[] attempts = {0};
        image.inTransaction("retrying", tx -> {
            attempts[0]++;
            long x = (Long) tx.get(a, "x");
            if (attempts[0] == 1) {
                image.inTransaction("interloper", other -> {
                    other.set(a, "x", 10L);
                    return null;
                });
            }
            tx.set(a, "x", x + 1);
            return null;
        });
        assertThat(attempts[0]).isEqualTo(2);
        assertThat(read(a, "x")).isEqualTo(11L);
    }

    @Test
    void aReadOnlyTransactionCommitsNothing() {
        long last = image.lastTx();
        try (Transaction tx = image.begin("look")) {
            tx.get(a, "x");
            assertThat(tx.commit()).isZero();
        }
        assertThat(image.lastTx()).isEqualTo(last);
    }

    @Test
    @Timeout(60)
    void abortedAndDoomedTransactionsLeaveLogAndIndexByteForByte() {
        Path log = dir.resolve("image.log");
        Path index = dir.resolve("index.db");
        String before = FileHash.fromChild(log, index);
        Transaction aborted = image.begin("aborted");
        aborted.set(a, "x", 123L);
        aborted.create();
        aborted.abort();
        Transaction doomed = image.begin("doomed");
        doomed.set(b, "x", 456L);
        doomed.doom("test");
        assertThatThrownBy(doomed::commit).isInstanceOf(ImageException.class);
        try (Transaction closed = image.begin("closed unfinished")) {
            closed.set(a, "y", 1L);
        }
        assertThat(FileHash.fromChild(log, index)).isEqualTo(before);
    }

    @Test
    @Timeout(60)
    void concurrentCommittersShareFsyncsAndLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 50;
        long[] oids = new long[threads];
        for (int i = 0; i < threads; i++) {
            oids[i] = image.inTransaction("obj", tx -> {
                long o = tx.create();
                tx.set(o, "n", 0L);
                return o;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long oid = oids[t];
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        image.inTransaction("inc", tx -> {
                            tx.set(oid, "n", (Long) tx.get(oid, "n") + 1);
                            tx.set(a, "shared" + oid, (long) i0(tx, oid));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long oid : oids) {
            assertThat(read(oid, "n")).isEqualTo((long) perThread);
        }
        assertThat(image.verify().problems()).isEmpty();
    }

    private static long i0(Transaction tx, long oid) {
        return (Long) tx.get(oid, "n");
    }

    private Object read(long oid, String slot) {
        try (Transaction tx = image.begin("read")) {
            return tx.get(oid, slot);
        }
    }
}
