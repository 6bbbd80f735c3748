package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random interleavings of up to three transactions against a model of snapshot isolation: every
 * read sees the last commit before its transaction began or its own write; of two overlapping
 * writers of one slot the later committer fails; a commit is visible all at once or not at all.
 */
class SnapshotIsolationPropertyTest {
    private static final int OBJECTS = 3;
    private static final String[] SLOTS = {"p", "q"};
    private static LivingImage image;
    private static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        dir = io.batos.testing.TestDirs.create("si");
        image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
    }

    @AfterContainer
    static void close() {
        image.close();
    }

    /** One step: kind 0 begin, 1 read, 2 write, 3 commit, 4 abort; on transaction {@code tx}. */
    record Op(int kind, int tx, int object, int slot) {
    }

    @Provide
    Arbitrary<List<Op>> schedules() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, OBJECTS - 1), Arbitraries.integers().between(0, SLOTS.length - 1))
                .as(Op::new);
        return op.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 150)
    void interleavingsKeepSnapshotIsolation(@ForAll("schedules") List<Op> schedule) {
        long[] oids = new long[OBJECTS];
        Map<String, Long> committed = new HashMap<>();
        image.inTransaction("seed", tx -> {
            for (int i = 0; i < OBJECTS; i++) {
                oids[i] = tx.create();
                for (String slot : SLOTS) {
                    tx.set(oids[i], slot, 0L);
                    committed.put(i + slot, 0L);
                }
            }
            return null;
        });
        Transaction[] txs = new Transaction[3];
        List<Map<String, Long>> snapshots = new ArrayList<>(List.of(Map.of(), Map.of(), Map.of()));
        List<Map<String, Long>> writes = new ArrayList<>(List.of(new HashMap<>(), new HashMap<>(), new HashMap<>()));
        long nextValue = 1;
        for (Op op : schedule) {
            Transaction tx = txs[op.tx()];
            String key = op.object() + SLOTS[op.slot()];
            switch (op.kind()) {
                case 0 -> {
                    if (tx == null) {
                        txs[op.tx()] = image.begin("t" + op.tx());
                        snapshots.set(op.tx(), new HashMap<>(committed));
                        writes.set(op.tx(), new HashMap<>());
                    }
                }
                case 1 -> {
                    if (tx != null) {
                        Long expected = writes.get(op.tx()).getOrDefault(key, snapshots.get(op.tx()).get(key));
                        assertThat(tx.get(oids[op.object()], SLOTS[op.slot()])).as("read %s", key).isEqualTo(expected);
                    }
                }
                case 2 -> {
                    if (tx != null) {
                        long value = nextValue++;
                        tx.set(oids[op.object()], SLOTS[op.slot()], value);
                        writes.get(op.tx()).put(key, value);
                    }
                }
                case 3 -> {
                    if (tx != null) {
                        Map<String, Long> own = writes.get(op.tx());
                        boolean conflict = own.keySet().stream()
                                .anyMatch(k -> !committed.get(k).equals(snapshots.get(op.tx()).get(k)));
                        boolean failed;
                        try {
                            tx.commit();
                            failed = false;
                        } catch (ConflictException e) {
                            failed = true;
                        }
                        assertThat(failed).as("conflict expected=%s for writes %s", conflict, own).isEqualTo(conflict);
                        if (!failed) {
                            committed.putAll(own);
                        }
                        txs[op.tx()] = null;
                    }
                }
                default -> {
                    if (tx != null) {
                        tx.abort();
                        txs[op.tx()] = null;
                    }
                }
            }
            try (Transaction fresh = image.begin("observer")) {
                for (int i = 0; i < OBJECTS; i++) {
                    for (String slot : SLOTS) {
                        assertThat(fresh.get(oids[i], slot)).as("committed %s", i + slot)
                                .isEqualTo(committed.get(i + slot));
                    }
                }
            }
        }
        for (Transaction tx : txs) {
            if (tx != null) {
                tx.abort();
            }
        }
    }
}
