package io.batos.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * Reference point, not a target: the raw cost of making an append durable on this disk. Each
 * operation appends a 128-byte record at the end of a file under target/tmp and calls
 * {@code FileChannel.force(false)} (fdatasync), exactly what {@code LogFile.append} + {@code force}
 * do per commit group. One thread's durable commits per second cannot exceed this figure; the
 * distance between it and {@link CommitThroughputBenchmark#commitOneThread} is the store's own
 * overhead.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@RecordedIn("image")
public class FsyncBenchmark {
    private Path dir;
    private FileChannel channel;
    private long position;
    private final ByteBuffer record = ByteBuffer.allocate(128);

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = BenchImages.newDir("bench-fsync-");
        channel = FileChannel.open(dir.resolve("append.log"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        channel.close();
        BenchImages.delete(dir);
    }

    /** Append 128 bytes, then fdatasync: one durable log append. */
    @Benchmark
    @Goal(what = "Raw fsync cost for reference: 128-byte append and FileChannel.force(false)", unit = "fsyncs/s")
    public long appendAndForce() throws IOException {
        record.clear();
        record.putLong(0, position);
        while (record.hasRemaining()) {
            position += channel.write(record, position);
        }
        channel.force(false);
        return position;
    }

    /** Append 128 bytes, then fsync with metadata ({@code force(true)}). */
    @Benchmark
    @Goal(what = "Raw fsync cost for reference: 128-byte append and FileChannel.force(true)", unit = "fsyncs/s")
    public long appendAndForceMetadata() throws IOException {
        record.clear();
        record.putLong(0, position);
        while (record.hasRemaining()) {
            position += channel.write(record, position);
        }
        channel.force(true);
        return position;
    }
}
