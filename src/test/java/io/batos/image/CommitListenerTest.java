package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit listeners hear of every durable commit, undo's included, and never of empty or failed ones. */
class CommitListenerTest {
    @TempDir
    Path dir;

    @Test
    void everyDurableCommitIsHeardWithWhatTheLogRecorded() {
        try (LivingImage image = LivingImage.open(dir.resolve("img"), LivingImage.OpenMode.CREATE)) {
            List<TxInfo> heard = new CopyOnWriteArrayList<>();
            image.addCommitListener(heard::add);
            image.addCommitListener(commit -> {
                throw new IllegalStateException("a listener's failure is its own");
            });
            long oid = image.inTransaction("make one", "test", tx -> {
                long o = tx.create();
                tx.set(o, "x", 1L);
                return o;
            });
            try (Transaction empty = image.begin("nothing")) {
                assertThat(empty.commit()).isZero();
            }
            Transaction doomed = image.begin("doomed");
            doomed.set(oid, "x", 2L);
            doomed.doom("no");
            try {
                doomed.commit();
            } catch (ImageException expected) {
                // a failed commit is not heard
            }
            long undo = image.undo(image.lastTx());

            assertThat(heard).hasSize(2);
            assertThat(heard.get(0)).isEqualTo(image.transaction(heard.get(0).txId()));
            assertThat(heard.get(0).note()).isEqualTo("make one");
            assertThat(heard.get(0).origin()).isEqualTo("test");
            assertThat(heard.get(0).oids()).containsExactly(oid);
            assertThat(heard.get(1).txId()).isEqualTo(undo);
            assertThat(heard.get(1)).isEqualTo(image.transaction(undo));
        }
    }
}
