package io.batos.bench;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk creation: one transaction that creates {@value #OBJECTS} new objects with three small
 * slots each (short string, long, boolean — about 40 bytes of CBOR) and commits them, fsync
 * included. Each iteration uses a fresh, empty image (opened and, afterwards, closed and deleted
 * outside the timed region), so every shot sees the same store.
 *
 * <p>Mode is single-shot: the score is the time for the whole transaction (creation through the
 * durable commit). Objects per second = {@value #OBJECTS} / score. Target (issue): ≥ 100,000
 * objects/s, i.e. a score ≤ 1,000 ms.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Thread)
@RecordedIn("image")
public class BulkCreateBenchmark {
    static final int OBJECTS = 100_000;

    private Path dir;
    private LivingImage image;

    @Setup(Level.Iteration)
    public void open() {
        dir = BenchImages.newDir("bench-bulk-");
        image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
    }

    @TearDown(Level.Iteration)
    public void close() {
        BenchImages.closeQuietly(image);
        BenchImages.delete(dir);
    }

    /** Create 100k objects and commit them in one durable transaction. */
    @Benchmark
    @Goal(what = "100,000 new objects created and committed in one transaction", unit = "objects/s", items = OBJECTS, target = "≥ 100000")
    public long create100kAndCommit() {
        try (Transaction tx = image.begin("bulk", "bench")) {
            for (int i = 0; i < OBJECTS; i++) {
                BenchImages.createSmall(tx, i);
            }
            return tx.commit();
        }
    }
}
