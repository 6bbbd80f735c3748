package io.batos.bench;

import io.batos.metacognition.AuditLog;
import io.batos.metacognition.AuditRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The audit log ({@code metacognition.jsonl}): what an event costs the thread that publishes it,
 * and how many events a second the writer thread puts on disk. The event is a realistic ~1 KB line
 * (an ARTIFACT_GENERATED with a prompt and a response, 1,0xx bytes of JSON, checked at setup).
 *
 * <p>Targets (issue): caller-side cost of {@code append} ≤ 5 µs median ({@code append}, read the
 * {@code p0.50} line of the sample-time output); writer throughput ≥ 100,000 events/s
 * ({@code writeAndFlush}).
 *
 * <ul>
 *   <li>{@code append} — one {@code append} of a ready record. Between two appends the caller
 *       spins 20 µs outside the timed region (a JMH per-invocation setup), i.e. it offers 50,000
 *       events/s, which the writer absorbs: the queue stays short and the writer mostly sleeps
 *       between batches, as with a cognitive cycle's sparse events.</li>
 *   <li>{@code recordAndAppend} — the same plus {@code AuditRecord.of(fields)}: all the event bus
 *       subscriber does on the publishing thread.</li>
 *   <li>{@code appendFlatOut} — appends with no pause: the caller outruns the writer, the queue
 *       fills and {@code append} waits for room. Not a target; it shows that a flood is slowed
 *       to the writer's pace (median ≈ the writer's cost per event) rather than dropped.</li>
 *   <li>{@code writeAndFlush} — throughput: 10,000 appends, then {@code flush()}, which returns
 *       once all of them are written and forced ({@code fdatasync}); events/s on disk.</li>
 * </ul>
 * The live file is rotated away and its archive deleted before each iteration, so the disk does
 * not fill up.
 */
@State(Scope.Benchmark)
@Threads(1)
@RecordedIn("audit")
public class AuditBenchmark {
    private static final int FLUSH_EVERY = 10_000;
    private static final long PACE_NANOS = 20_000;

    private Path dir;
    private AuditLog log;
    private AuditRecord record;
    private Map<String, Object> fields;

    @Setup(Level.Trial)
    public void open() {
        dir = BenchImages.newDir("bench-audit-");
        log = AuditLog.open(dir);
        fields = artifactGenerated();
        record = AuditRecord.of(fields);
        int bytes = record.toJson().getBytes(StandardCharsets.UTF_8).length + 1;
        if (bytes < 950 || bytes > 1_150) {
            throw new IllegalStateException("the event should be ~1 KB, is " + bytes + " bytes");
        }
    }

    @Setup(Level.Iteration)
    public void freshFile() throws IOException {
        Files.deleteIfExists(log.rotate().archive());
    }

    @TearDown(Level.Iteration)
    public void check() {
        log.flush();
        if (log.dropped() != 0) {
            throw new IllegalStateException(log.dropped() + " events were dropped");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        log.close();
        BenchImages.delete(dir);
    }

    /** Spins, outside the timed region, so that appends arrive at 50,000 a second. */
    @State(Scope.Thread)
    public static class Pace {
        @Setup(Level.Invocation)
        public void pause() {
            long until = System.nanoTime() + PACE_NANOS;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    @Benchmark
    @Goal(what = "Audit log: caller-side cost of append, one event every ~20 µs (median)", figure = "p50", unit = "µs", target = "≤ 5")
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void append(Pace pace) {
        log.append(record);
    }

    @Benchmark
    @Goal(what = "Audit log: AuditRecord.of(fields) and append, the bus subscriber's cost (median)", figure = "p50", unit = "µs", target = "≤ 5")
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void recordAndAppend(Pace pace) {
        log.append(AuditRecord.of(fields));
    }

    @Benchmark
    @Goal(what = "Audit log: append from a caller that never pauses (the queue fills; nothing is dropped) (median)", figure = "p50", unit = "µs")
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void appendFlatOut() {
        log.append(record);
    }

    @Benchmark
    @Goal(what = "Audit log writer: 10,000 appends then flush (written and fdatasync'ed)", unit = "events/s", target = "≥ 100000")
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(FLUSH_EVERY)
    public void writeAndFlush() {
        for (int i = 0; i < FLUSH_EVERY; i++) {
            log.append(record);
        }
        log.flush();
    }

    /** An ARTIFACT_GENERATED event as the Orchestrator publishes it, extras included: ~1 KB as a line. */
    static Map<String, Object> artifactGenerated() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("timestamp", Instant.parse("2026-11-26T09:30:00.123456Z").toString());
        f.put("cycle_id", "a1b2c3d4e5f6");
        f.put("transaction_id", null);
        f.put("mission_brief_hash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        f.put("event_type", "ARTIFACT_GENERATED");
        f.put("current_state", "SYNTHESIZING");
        f.put("transition_to", null);
        f.put("active_persona", "ROBIN");
        f.put("llm_prompt", String.join("\n", List.of(
                "Write the method 'fibonacci' for @42, which received it with the arguments [10].",
                "It already understands: describe, clone, printString.",
                "BABS found: fibonacci is usually iterative; keep two longs.",
                "Answer with one JSON object: {\"selector\", \"source\", \"rationale\"}. The source is a Java method",
                "Object fibonacci(UvmObject self, Object... args) that ends every path that changes state with",
                "self.markChanged().")));
        f.put("llm_response_raw", "{\"selector\": \"fibonacci\", \"source\": \"Object fibonacci(UvmObject self, Object..."
                + " args) {\\n long n = ((Number) args[0]).longValue();\\n long a = 0, b = 1;\\n for (long i = 0; i < n;"
                + " i++) { long t = a + b; a = b; b = t; }\\n return a;\\n}\", \"rationale\": \"iterative\"}");
        f.put("artifact_oid", 42L);
        f.put("validation_result", null);
        f.put("final_outcome", null);
        f.put("mission_type", "method");
        f.put("selector", "fibonacci");
        f.put("parent_cycle", null);
        return f;
    }
}
