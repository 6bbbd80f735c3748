package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's heap block cache under eviction: with a cache of four blocks and write-back every
 * two, readers racing a committer must always find every committed object with its latest value.
 * Runs in a child JVM, because the cache size is fixed when the index class loads.
 */
class IndexEvictionTest {
    @TempDir
    Path dir;

    /** Commits objects across many blocks while readers check everything committed so far. */
    public static final class Race {
        public static void main(String[] args) throws Exception {
            Map values = new Map();
            // First many blocks' worth of objects, closed cleanly, so the reopened index starts
            // with an empty block cache and every first read of a block is a miss.
            try (LivingImage image = LivingImage.open(Path.of(args[0]), LivingImage.OpenMode.CREATE)) {
                image.inTransaction("seed", tx -> {
                    for (int i = 0; i < 1_000; i++) {
                        long oid = tx.create();
                        tx.set(oid, "v", 0L);
                        values.map.put(oid, 0L);
                    }
                    return null;
                });
            }
            try (LivingImage image = LivingImage.open(Path.of(args[0]), LivingImage.OpenMode.EXISTING)) {
                AtomicBoolean done = new AtomicBoolean();
                ExecutorService readers = Executors.newFixedThreadPool(3);
                List<Future<Integer>> checks = new java.util.ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    long seed = r;
                    checks.add(readers.submit(() -> {
                        Random random = new Random(seed);
                        int checked = 0;
                        while (!done.get()) {
                            // What was committed before the transaction begins is what it must see.
                            java.util.Map<Long, Long> committed = new java.util.HashMap<>(values.map);
                            List<Long> known = List.copyOf(committed.keySet());
                            if (known.isEmpty()) {
                                continue;
                            }
                            try (Transaction tx = image.begin("read")) {
                                for (int i = 0; i < 50; i++) {
                                    long oid = known.get(random.nextInt(known.size()));
                                    long atLeast = committed.get(oid);
                                    Object value = tx.get(oid, "v");
                                    if (!(value instanceof Long v) || v < atLeast) {
                                        throw new AssertionError("@" + oid + " read " + value + ", committed " + atLeast);
                                    }
                                    checked++;
                                }
                            }
                        }
                        return checked;
                    }));
                }
                Random random = new Random(42);
                for (int round = 0; round < 300; round++) {
                    long value = round;
                    List<Long> oids = image.inTransaction("round " + round, tx -> {
                        List<Long> touched = new java.util.ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            long oid = values.map.isEmpty() || random.nextBoolean() ? tx.create()
                                    : List.copyOf(values.map.keySet()).get(random.nextInt(values.map.size()));
                            tx.set(oid, "v", value);
                            touched.add(oid);
                        }
                        return touched;
                    });
                    oids.forEach(oid -> values.map.put(oid, value));
                }
                done.set(true);
                int checked = 0;
                try {
                    for (Future<Integer> check : checks) {
                        checked += check.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    readers.shutdownNow();
                }
                System.out.println("checked " + checked + " reads of " + values.map.size() + " objects");
            }
        }

        /** Latest committed value by oid (a reader may see a newer one, never an older one). */
        static final class Map {
            final ConcurrentHashMap<Long, Long> map = new ConcurrentHashMap<>();
        }
    }

    @Test
    @Timeout(120)
    void readersRacingACommitterAlwaysFindTheLatestOffsets() {
        try (ChildJvm.Running child = ChildJvm.main(Race.class)
                .jvmArgs("-Dbatos.index.cachedBlocks=4", "-Dbatos.index.dirtyBlocks=100000", "-Dbatos.image.cachedStates=8")
                .args(dir.resolve("img").toString()).start()) {
            assertThat(child.waitFor(Duration.ofSeconds(100))).as(child.stderr()).isZero();
            assertThat(child.linesSoFar()).anySatisfy(line -> assertThat(line).startsWith("checked"));
        }
    }
}
