package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write skew is possible under snapshot isolation, as in ZODB: two transactions that each read
 * both slots and write a different one both commit, although together they break an invariant
 * that each one kept. Code that needs such an invariant writes one slot both transactions share
 * (then the second one conflicts).
 */
class WriteSkewTest {
    @TempDir
    Path dir;

    @Test
    void twoTransactionsReadingBothSlotsAndWritingDifferentOnesBothCommit() {
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE)) {
            long doctors = image.inTransaction("on call", tx -> {
                long o = tx.create();
                tx.set(o, "alice", true);
                tx.set(o, "bob", true);
                return o;
            });
            Transaction alice = image.begin("alice goes home");
            Transaction bob = image.begin("bob goes home");
            // Each keeps "at least one doctor on call" by what it reads…
            assertThat(bob.get(doctors, "alice")).isEqualTo(true);
            assertThat(alice.get(doctors, "bob")).isEqualTo(true);
            alice.set(doctors, "alice", false);
            bob.set(doctors, "bob", false);
            alice.commit();
            bob.commit();
            // …and together they break it: the documented write skew.
            try (Transaction tx = image.begin("read")) {
                assertThat(tx.get(doctors, "alice")).isEqualTo(false);
                assertThat(tx.get(doctors, "bob")).isEqualTo(false);
            }
        }
    }
}
