package io.batos.bench;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable small transactions per second: each operation is {@code begin}, one {@code set} of one
 * slot of one existing object, {@code commit} — and commit returns only after the log record is
 * fsynced ({@code FileChannel.force}). Every thread updates its own object, so there are no
 * conflicts; what is measured is the commit path (write set → merge → CBOR → log append → fsync →
 * index put) and, with several threads, group commit (commits that queue while one fsync runs share
 * the next one).
 *
 * <p>Targets (issue): single thread ≥ 3,500 commits/s (ZODB FileStorage's measured figure on this
 * machine); 8 threads ≥ 7,000 commits/s aggregate. JMH reports the aggregate over all threads.
 * Compare with {@link FsyncBenchmark}: one thread can never beat the raw fsync rate.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@RecordedIn("image")
public class CommitThroughputBenchmark {

    /** One image shared by all threads of a trial, in a fresh directory deleted afterwards. */
    @State(Scope.Benchmark)
    public static class ImageState {
        Path dir;
        LivingImage image;

        @Setup(Level.Trial)
        public void open() {
            dir = BenchImages.newDir("bench-commit-");
            image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        }

        @TearDown(Level.Trial)
        public void close() {
            BenchImages.closeQuietly(image);
            BenchImages.delete(dir);
        }
    }

    /** Each benchmark thread's own object (so commits never conflict) and its counter. */
    @State(Scope.Thread)
    public static class ThreadObject {
        long oid;
        long counter;

        @Setup(Level.Trial)
        public void create(ImageState state) {
            try (Transaction tx = state.image.begin("bench object", "bench")) {
                oid = tx.create();
                tx.set(oid, "counter", 0L);
                tx.set(oid, "name", "thread object");
                tx.commit();
            }
        }
    }

    private static long updateOnce(ImageState state, ThreadObject mine) {
        try (Transaction tx = state.image.begin("bench update", "bench")) {
            tx.set(mine.oid, "counter", ++mine.counter);
            return tx.commit();
        }
    }

    /** One committer: bounded by one fsync per commit. */
    @Benchmark
    @Goal(what = "Durable 1-object update commits, one thread", unit = "commits/s", target = "≥ 3500")
    @Threads(1)
    public long commitOneThread(ImageState state, ThreadObject mine) {
        return updateOnce(state, mine);
    }

    /** Eight committers on their own objects: group commit shares fsyncs. */
    @Benchmark
    @Goal(what = "Durable 1-object update commits, eight threads (group commit)", unit = "commits/s", target = "≥ 7000")
    @Threads(8)
    public long commitEightThreads(ImageState state, ThreadObject mine) {
        return updateOnce(state, mine);
    }
}
