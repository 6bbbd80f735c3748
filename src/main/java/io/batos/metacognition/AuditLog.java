package io.batos.metacognition;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.batos.events.EventBus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.StampedLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The writer of {@code metacognition.jsonl}: appends {@link AuditRecord}s, one JSON line each, from
 * any thread, without ever making the caller wait for the disk.
 *
 * <p>Why a thread of its own: a cognitive cycle publishes an event at every transition, and
 * DESIGN §9 says writing never blocks a cycle on disk I/O. {@link #append} only puts the record
 * into a bounded queue; one daemon thread ({@code batos-audit-writer}) drains whatever has queued
 * up, encodes it and writes it with one system call per batch, so the more callers append, the
 * larger (and cheaper per line) the batches become. An idle writer sleeps in pauses (1 ms,
 * doubling to 64 ms) instead of waiting to be woken: waking a thread costs the waker several
 * microseconds (a futex call; in a VM an inter-processor interrupt), which was most of an append's
 * cost. Appends wake it only once 1,024 records are queued (or the queue is full);
 * {@code flush}, {@code rotate} and {@code close} always do.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Order.</b> Records appear in the file in the order their {@code append} calls entered
 *       the queue: one thread's records in its own order.</li>
 *   <li><b>When the queue is full</b> ({@value #DEFAULT_CAPACITY} records by default) the caller
 *       waits for room — for as long as the writer keeps finishing batches. A writer that is
 *       merely behind frees room within milliseconds, so a flood slows its producers down to the
 *       disk's pace and loses nothing. When the writer finished no batch for {@code maxBlock}
 *       ({@link #DEFAULT_MAX_BLOCK}, 1 s: a stalled disk), the record is dropped and counted in
 *       {@link #dropped()} (and logged), and until the writer finishes its next batch further
 *       records that find the queue full are dropped at once, so a dead disk costs a cycle one
 *       bounded wait, not one per event. Why not block without bound: an audit trail must not be
 *       able to stop the thought it records. Why not drop at once: a burst of a busy image (many
 *       concurrent cycles) would then lose events on a healthy disk. Why 1 s and not less: on the
 *       2-vCPU development VM under load, young-GC pauses of 100–180 ms were measured, and a
 *       100 ms bound dropped records from a healthy writer.</li>
 *   <li><b>Durability.</b> A record reaches the OS at most ~64 ms after its append (at once when
 *       the queue fills), so a crash of the JVM loses at most those records. {@link #flush()},
 *       {@link #rotate()} and {@link #close()} also force the file to the device
 *       ({@code fdatasync}): everything appended before the call survives a power loss once the
 *       call returns. Ingestion calls {@code flush()} before it reads, so that no byte offset it
 *       commits into the image refers to bytes the disk could still lose.</li>
 *   <li><b>Clean close loses nothing.</b> {@link #close()} waits for every record appended before
 *       it, forces the file and stops the thread; {@code append} after (or concurrently losing the
 *       race with) {@code close} throws {@link IllegalStateException} — it is never silently lost.
 *       A process that ends without {@code close} loses what was still queued.</li>
 *   <li><b>Rotation</b> ({@link #rotate()}, for ingestion): on the writer thread, so no append
 *       interleaves — write and force everything appended before the call, rename the file to
 *       {@code metacognition.<generation>.jsonl}, advance the generation in the sidecar
 *       {@code metacognition.generation} (absent: 1), and continue in a fresh
 *       {@code metacognition.jsonl}. Records appended after {@code rotate()} returned land in the
 *       fresh file; records appended concurrently with it land in one file or the other, whole.</li>
 *   <li><b>Opening</b> cuts a torn last line (bytes after the last line break, left by a crash in
 *       the middle of a write) so that the next line does not start glued to a fragment, and
 *       repairs a sidecar that a crash during rotation left behind (see {@code GenerationFile}).
 *       One process owns an image (its lock); writing from two processes is not supported.</li>
 *   <li><b>Write errors</b> (a full disk) never reach appenders: the lost batch is cut off the file
 *       again, counted in {@link #dropped()}, logged, and reported by the next {@link #flush()} as
 *       an {@link UncheckedIOException}.</li>
 * </ul>
 */
public final class AuditLog implements AutoCloseable {
    /** The live file's name in the image directory. */
    public static final String FILE_NAME = "metacognition.jsonl";
    /** Records the queue holds before {@link #append} waits. */
    public static final int DEFAULT_CAPACITY = 16_384;
    /** How long the writer may finish no batch while an {@link #append} waits for room, before it drops the record. */
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    /** Records taken from the queue at once: bounds a batch's memory and the latency of a flush behind it. */
    private static final int MAX_BATCH = 4_096;
    /** The idle writer's first and longest pause: how late, at most, a lone record reaches the OS. */
    private static final long MIN_PAUSE = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE = TimeUnit.MILLISECONDS.toNanos(64);
    /** Queued records at which an append wakes an idle writer (a quarter of a smaller queue). */
    private static final int WAKE_AT = 1_024;
    /** Encoded bytes after which a batch is written even if more records are still to come. */
    private static final int WRITE_AT = 1 << 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /**
     * What a rotation did.
     *
     * @param archivedGeneration the generation the live file had, now the archive's
     * @param archive            where its records are now: {@code metacognition.<archivedGeneration>.jsonl}
     * @param newGeneration      the fresh live file's generation ({@code archivedGeneration + 1})
     */
    public record Rotation(long archivedGeneration, Path archive, long newGeneration) {
    }

    private final Path directory;
    private final Path file;
    private final BlockingQueue<Object> queue;
    private final long maxBlockNanos;
    /** Appends hold it shared while they enqueue, close exclusively: no record slips in behind the stop. */
    private final StampedLock gate = new StampedLock();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    /** Set when an append timed out waiting for room; cleared by the writer after every batch. */
    private volatile boolean saturated;
    /** Batches the writer finished: how a waiting append tells a writer that is behind from one that is stuck. */
    private volatile long progress;
    /** Whether the writer sleeps for lack of work (it wakes on its own; an append wakes it past {@link #wakeAt}). */
    private volatile boolean writerIdle;
    /** Queued records from which an append wakes an idle writer instead of letting it sleep out its pause. */
    private final int wakeAt;
    private volatile long generation;

    // ---- the writer thread's own state (touched by the constructor before the thread starts) ----
    private FileChannel channel;
    private long size;
    private final LineBuffer buffer = new LineBuffer();
    private int buffered;
    private IOException failure;

    private AuditLog(Path directory, int capacity, Duration maxBlock) throws IOException {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wakeAt = Math.max(1, Math.min(WAKE_AT, capacity / 4));
        this.maxBlockNanos = maxBlock.toNanos();
        this.generation = GenerationFile.recover(directory);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            this.size = cutTornTail(channel, file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.writer = new Thread(this::run, "batos-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens (creating when absent) {@code imageDir/metacognition.jsonl} with the default queue. */
    public static AuditLog open(Path imageDir) {
        return open(imageDir, DEFAULT_CAPACITY, DEFAULT_MAX_BLOCK);
    }

    /**
     * Opens {@code imageDir/metacognition.jsonl} with a queue of {@code capacity} records; an
     * append that finds it full drops its record once the writer finished no batch for
     * {@code maxBlock} ({@code Duration.ZERO}: drop at once when full).
     *
     * @throws UncheckedIOException when the file or the sidecar cannot be opened or repaired
     */
    public static AuditLog open(Path imageDir, int capacity, Duration maxBlock) {
        Objects.requireNonNull(imageDir, "imageDir");
        if (capacity < 1 || maxBlock.isNegative()) {
            throw new IllegalArgumentException("capacity must be >= 1 and maxBlock >= 0");
        }
        try {
            return new AuditLog(imageDir, capacity, maxBlock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log in " + imageDir + ": " + e.getMessage(), e);
        }
    }

    /** The live file, {@code metacognition.jsonl}. */
    public Path file() {
        return file;
    }

    /** The live file's generation (1 for an image never rotated). */
    public long generation() {
        return generation;
    }

    /**
     * Records lost so far: the queue was full while the writer was stuck, a write failed, or a
     * subscribed event arrived after close.
     */
    public long dropped() {
        return dropped.get();
    }

    /** Records written to the file so far (by this instance). */
    public long written() {
        return written.get();
    }

    /**
     * Queues a record for the file; returns at once unless the queue is full (see the class
     * comment: a bounded wait, then drop and count).
     *
     * @throws IllegalStateException when the log is closed
     */
    public void append(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        long stamp = gate.readLock();
        try {
            if (closed) {
                throw new IllegalStateException("the audit log " + file + " is closed");
            }
            if (queue.offer(record)) {
                if (writerIdle && queue.size() >= wakeAt) {
                    LockSupport.unpark(writer);
                }
                return;
            }
            LockSupport.unpark(writer);
            if (!saturated) {
                try {
                    // Wait as long as the writer keeps finishing batches; drop once it finished none for maxBlock.
                    long seen = progress;
                    long deadline = System.nanoTime() + maxBlockNanos;
                    while (true) {
                        long left = deadline - System.nanoTime();
                        if (left > 0 && queue.offer(record, left, TimeUnit.NANOSECONDS)) {
                            return;
                        }
                        if (progress == seen) {
                            break;
                        }
                        seen = progress; // behind, but moving: other appenders took the room it made
                        deadline = System.nanoTime() + maxBlockNanos;
                    }
                    saturated = true;
                    LOG.warning("the audit writer finished no batch for " + maxBlockNanos / 1_000_000 + " ms with "
                            + queue.size() + " records queued (a stalled disk?); dropping records until it does");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            dropped.incrementAndGet();
        } finally {
            gate.unlockRead(stamp);
        }
    }

    /**
     * Subscribes this log to {@code bus}: every event on {@code topic} becomes a record
     * ({@link AuditRecord#of} keeps the fifteen fields). Events that are no valid record are
     * refused by the bus's guard (logged), never written half; events after {@link #close()} are
     * counted in {@link #dropped()}.
     *
     * @return closing it ends the subscription
     */
    public AutoCloseable subscribe(EventBus bus, String topic) {
        Objects.requireNonNull(topic, "topic");
        return bus.subscribe(event -> {
            if (!topic.equals(event.topic())) {
                return;
            }
            if (closed) {
                // A straggler of a shutdown (a cycle thread still finishing): counted, not thrown at its publisher.
                dropped.incrementAndGet();
                return;
            }
            append(AuditRecord.of(event.fields()));
        });
    }

    /**
     * Waits until every record appended before this call is written and forced to the device.
     * Returns at once when the log is closed (close flushed everything).
     *
     * @throws UncheckedIOException when forcing failed, or when a write failed since the last flush
     *                              (its records were dropped)
     */
    public void flush() {
        Task task = submit(Task.Kind.FLUSH, null);
        if (task != null) {
            await(task);
        }
    }

    /**
     * Flushes, archives the live file as {@code metacognition.<generation>.jsonl}, advances the
     * generation and continues in a fresh live file (see the class comment).
     *
     * @throws IllegalStateException when the log is closed
     * @throws UncheckedIOException  when the file could not be renamed (the log then continues in
     *                               the same file and generation)
     */
    public Rotation rotate() {
        Task task = submit(Task.Kind.ROTATE, null);
        if (task == null) {
            throw new IllegalStateException("the audit log " + file + " is closed");
        }
        return (Rotation) await(task);
    }

    /**
     * Runs {@code work} on the writer thread after everything queued before it is written: the
     * writer does nothing else meanwhile. For tests that need a writer that makes no progress.
     */
    CompletableFuture<Object> onWriterThread(Callable<Object> work) {
        Task task = submit(Task.Kind.RUN, work);
        if (task == null) {
            throw new IllegalStateException("the audit log " + file + " is closed");
        }
        return task.done;
    }

    /**
     * Writes and forces everything appended before this call, then stops the writer thread.
     * Idempotent.
     *
     * @throws UncheckedIOException when the last force or close failed (the records were written)
     */
    @Override
    public void close() {
        Task stop = null;
        long stamp = gate.writeLock();
        try {
            if (!closed) {
                closed = true;
                stop = new Task(Task.Kind.STOP, null);
            }
        } finally {
            gate.unlockWrite(stamp);
        }
        if (stop != null) {
            putUninterruptibly(stop);
            LockSupport.unpark(writer);
        }
        joinUninterruptibly(writer);
        failQueued(); // empty unless the writer died of an unexpected error before it saw the stop
        if (stop != null) {
            if (dropped.get() > 0) {
                LOG.warning("the audit log " + file + " dropped " + dropped.get() + " record(s) in this process");
            }
            await(stop);
        }
    }

    private Task submit(Task.Kind kind, Callable<Object> work) {
        long stamp = gate.readLock();
        try {
            if (closed) {
                return null;
            }
            Task task = new Task(kind, work);
            putUninterruptibly(task);
            LockSupport.unpark(writer);
            return task;
        } finally {
            gate.unlockRead(stamp);
        }
    }

    private static Object await(Task task) {
        try {
            return task.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void putUninterruptibly(Object item) {
        boolean interrupted = false;
        while (true) {
            try {
                if (!queue.offer(item)) {
                    LockSupport.unpark(writer); // full: the writer must not sleep out its pause
                    queue.put(item);
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the writer thread ------------------------------------------------------------------------

    private void run() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        boolean running = true;
        long pause = MIN_PAUSE;
        try {
            while (running) {
                Object first = queue.poll();
                if (first == null) {
                    pause = idle(pause);
                    continue;
                }
                pause = MIN_PAUSE;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                for (Object item : batch) {
                    if (item instanceof AuditRecord record) {
                        encode(record);
                    } else if (!perform((Task) item)) {
                        running = false;
                    }
                }
                writeOut();
                batch.clear();
                saturated = false;
                progress++; // only this thread writes it
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "the audit writer of " + file + " failed; the log is closed", e);
            throw e;
        } finally {
            if (running) {
                abandon();
            }
        }
    }

    /**
     * Sleeps while there is nothing to write, for {@code pause}, and answers the next, longer pause.
     *
     * <p>Why not a blocking {@code take()}: then every append of a sparse event would wake this
     * thread, a futex wake-up (and, in a VM, an inter-processor interrupt) of several microseconds
     * on the appender's side — most of its cost. Pausing instead, 1 ms doubling to 64 ms while idle,
     * makes a lone append cost a queue insertion; a queue filling up, a flush, a rotation or a close
     * wakes the writer at once.
     */
    private long idle(long pause) {
        writerIdle = true;
        if (queue.isEmpty()) { // after raising the flag, so that an append past wakeAt cannot go unseen
            LockSupport.parkNanos(this, pause);
        }
        writerIdle = false;
        Thread.interrupted(); // nobody interrupts this thread on purpose; a stray interrupt must not make it spin
        return Math.min(pause * 2, MAX_PAUSE);
    }

    /**
     * After the writer died of an unexpected error: close the log, so that appends fail loudly
     * instead of filling a queue no one drains, and fail every waiting flush, rotation or close.
     */
    private void abandon() {
        long stamp;
        // Appenders and submitters may wait for room while holding the gate: make room until it is ours.
        while ((stamp = gate.tryWriteLock()) == 0L) {
            failQueued();
            Thread.onSpinWait();
        }
        try {
            closed = true;
        } finally {
            gate.unlockWrite(stamp);
        }
        failQueued();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + file + " after the writer failed", e);
        }
    }

    private void failQueued() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        for (Object item : left) {
            if (item instanceof Task task) {
                task.done.completeExceptionally(new IllegalStateException("the audit writer of " + file + " failed"));
            } else {
                dropped.incrementAndGet();
            }
        }
    }

    /** Runs a task after writing what was encoded before it; false when it was STOP. */
    private boolean perform(Task task) {
        writeOut();
        try {
            switch (task.kind) {
                case FLUSH:
                    channel.force(false);
                    IOException lost = failure;
                    failure = null;
                    if (lost != null) {
                        throw new UncheckedIOException("audit records were dropped: a write to " + file + " failed: "
                                + lost.getMessage(), lost);
                    }
                    task.done.complete(null);
                    return true;
                case ROTATE:
                    task.done.complete(rotateFile());
                    return true;
                case RUN:
                    task.done.complete(task.work.call());
                    return true;
                case STOP:
                default:
                    try {
                        channel.force(false);
                    } finally {
                        channel.close();
                    }
                    task.done.complete(null);
                    return false;
            }
        } catch (IOException e) {
            task.done.completeExceptionally(new UncheckedIOException(file + ": " + e.getMessage(), e));
        } catch (Exception | Error e) {
            task.done.completeExceptionally(e);
        }
        return task.kind != Task.Kind.STOP;
    }

    private void encode(AuditRecord record) {
        int mark = buffer.size();
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            record.writeJson(g);
        } catch (IOException | RuntimeException e) {
            // cannot happen for a record that passed its constructor; never let one record stop the writer
            buffer.truncate(mark);
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "an audit record of cycle " + record.cycleId() + " could not be encoded", e);
            return;
        }
        buffer.write('\n');
        buffered++;
        if (buffer.size() >= WRITE_AT) {
            writeOut();
        }
    }

    /** Writes the encoded lines with one positional write; on failure cuts them off again and counts them. */
    private void writeOut() {
        if (buffered == 0) {
            return;
        }
        long start = size;
        ByteBuffer bytes = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
        try {
            long at = start;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            size = at;
            written.addAndGet(buffered);
        } catch (IOException e) {
            dropped.addAndGet(buffered);
            if (failure == null) {
                failure = e;
            }
            LOG.log(Level.WARNING, "could not write " + buffered + " audit record(s) to " + file, e);
            try {
                channel.truncate(start);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
        } finally {
            buffer.reset();
            buffered = 0;
        }
    }

    /** A crash test's halt point ({@code -Dbatos.audit.killAt=rotate.renamed}); unarmed it costs nothing. */
    private static final String KILL_AT = System.getProperty("batos.audit.killAt");

    private Rotation rotateFile() throws IOException {
        long archived = generation;
        Path archive = GenerationFile.archive(directory, archived);
        if (Files.exists(archive)) {
            // GenerationFile.recover skips taken generations at open, so only a foreign file gets here
            throw new FileAlreadyExistsException(archive.toString(), null, "an archive of this generation exists");
        }
        channel.force(false);
        channel.close();
        try {
            Files.move(file, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            size = channel.size();
            throw e;
        }
        if ("rotate.renamed".equals(KILL_AT)) {
            // Crash tests: die between archiving the file and recording the new generation.
            Runtime.getRuntime().halt(137);
        }
        // The archive's name is taken from here on, whatever happens to the sidecar.
        generation = archived + 1;
        try {
            GenerationFile.write(directory, archived + 1);
        } catch (IOException e) {
            // the next open recovers the number from the archives; the rotation itself happened
            LOG.log(Level.WARNING, "could not record audit generation " + (archived + 1) + "; it is recovered at the"
                    + " next open", e);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        size = channel.size();
        return new Rotation(archived, archive, archived + 1);
    }

    /** Cuts the bytes after the last line break (a line a crash left half written); returns the new size. */
    private static long cutTornTail(FileChannel channel, Path file) throws IOException {
        long end = channel.size();
        long keep = end;
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        while (keep > 0) {
            int n = (int) Math.min(chunk.capacity(), keep);
            chunk.clear().limit(n);
            long from = keep - n;
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, from + chunk.position()) < 0) {
                    throw new IOException(file + " shrank while being opened");
                }
            }
            int i = n - 1;
            while (i >= 0 && chunk.get(i) != '\n') {
                i--;
            }
            if (i >= 0) {
                keep = from + i + 1;
                break;
            }
            keep = from;
        }
        if (keep < end) {
            LOG.warning("cut a torn last line of " + (end - keep) + " byte(s) off " + file + " (a crash in the middle"
                    + " of a write)");
            channel.truncate(keep);
            channel.force(false);
        }
        return keep;
    }

    /** Something the writer thread does in order with the records: flush, rotate, stop, or a test's work. */
    private static final class Task {
        enum Kind { FLUSH, ROTATE, STOP, RUN }

        final Kind kind;
        final Callable<Object> work;
        final CompletableFuture<Object> done = new CompletableFuture<>();

        Task(Kind kind, Callable<Object> work) {
            this.kind = kind;
            this.work = work;
        }
    }

    /** A growable byte array the encoder writes lines into; reused for every batch. */
    private static final class LineBuffer extends OutputStream {
        private static final int INITIAL = 64 * 1024;
        private byte[] bytes = new byte[INITIAL];
        private int size;

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] array() {
            return bytes;
        }

        int size() {
            return size;
        }

        void truncate(int to) {
            size = to;
        }

        /** Empties the buffer; one that a huge batch grew goes back to its first size. */
        void reset() {
            size = 0;
            if (bytes.length > 4 * WRITE_AT) {
                bytes = new byte[INITIAL];
            }
        }
    }
}
