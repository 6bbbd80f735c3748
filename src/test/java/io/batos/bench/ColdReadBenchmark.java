package io.batos.bench;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold read throughput: right after a reopen (the image's object cache empty), read one slot of
 * objects in a fresh transaction. Each read is an index lookup (MapDB), one positional read of the
 * log entry, CBOR decoding of the state, and the transaction's working copy of the object.
 *
 * <p>The image ({@code objects} small objects in transactions of 100,000) is built once per trial.
 * Before each shot it is closed and reopened (outside the timed region), so every shot starts with
 * an empty object cache. The log was just written, so the OS page cache is warm: this measures the
 * store's CPU cost, not the disk's.
 *
 * <ul>
 *   <li>{@code readEveryObject}: slot {@code n} of every object, in oid order (log order), in one
 *       transaction. Objects/s = {@code objects} / score.</li>
 *   <li>{@code readRandomSample}: slot {@code n} of {@value #SAMPLE} distinct objects chosen at
 *       random (fixed seed), in random order, in one transaction. Objects/s = {@value #SAMPLE} /
 *       score.</li>
 * </ul>
 *
 * <p>Target (issue): ≥ 200,000 objects/s, i.e. ≤ 5 s for 1,000,000 objects, ≤ 0.5 s for the sample.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Thread)
@RecordedIn("image")
public class ColdReadBenchmark extends ClosedImageBenchmark {
    static final int SAMPLE = 100_000;

    @Param({"1000000"})
    public int objects;

    private long[] oids;
    private long[] sample;

    @Setup(Level.Trial)
    public void build() {
        long[][] out = new long[1][];
        dir = BenchImages.buildClosedImage("bench-read-", objects, out);
        oids = out[0];
        long[] shuffled = oids.clone();
        Random random = new Random(42);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        sample = java.util.Arrays.copyOf(shuffled, Math.min(SAMPLE, shuffled.length));
    }

    @Setup(Level.Iteration)
    public void reopen() {
        image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING);
    }

    private long readAll(long[] which) {
        long sum = 0;
        try (Transaction tx = image.begin("cold read", "bench")) {
            for (long oid : which) {
                sum += (Long) tx.get(oid, "n");
            }
        }
        return sum;
    }

    /** Every object once, in log order, one transaction. */
    @Benchmark
    @Goal(what = "Cold read of every object of a closed image of 1,000,000", unit = "objects/s", items = 1_000_000, target = "≥ 200000")
    public long readEveryObject() {
        return readAll(oids);
    }

    /** 100k random objects, random order, one transaction. */
    @Benchmark
    @Goal(what = "Cold read of 100,000 random objects of 1,000,000", unit = "objects/s", items = SAMPLE, target = "≥ 200000")
    public long readRandomSample() {
        return readAll(sample);
    }
}
