package io.batos.bench;

import io.batos.image.LivingImage;
import io.batos.memory.AuditFiles;
import io.batos.memory.AuditLines;
import io.batos.memory.FileRotation;
import io.batos.memory.Hit;
import io.batos.memory.IngestResult;
import io.batos.memory.FractalMemory;
import io.batos.memory.Ingestion;
import io.batos.memory.flywheel.MetaAnalysis;
import io.batos.memory.flywheel.MetacognitionReport;
import io.batos.memory.MemoryGenesis;
import io.batos.memory.MemorySearch;
import io.batos.object.Genesis;
import io.batos.object.GenesisStep;
import io.batos.object.ObjectSpace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fractal Memory (issue: memory). Targets: ingestion of the audit log at ≥ 20,000 events/s, and
 * search over the documents of 100,000 cycles with p95 ≤ 50 ms.
 *
 * <p>The synthetic log is what the state machine writes: nine events a cycle (five transitions,
 * the artifact with its prompt and response, the verdict, the end), 30% of cycles refused with a
 * finding, one in ten failing at BRICK's plan (four events), 400 distinct selectors. Each cycle's
 * prompt is unique: about 1.6 KB, which stays in the document, and for one cycle in five about
 * 6.3 KB (BABS's examples added), which goes to the blob store (one fsynced blob); the response,
 * about 300 bytes of Java, stays in the document.
 *
 * <ul>
 *   <li>{@code Ingest.ingest}: each operation appends 20,000 events to {@code metacognition.jsonl}
 *       (outside the timing) and ingests them: read, parse, fold into documents, store the blobs,
 *       commit (durable), rotate. Reported per event. The image grows across operations.</li>
 *   <li>{@code Search.search}: a trial first ingests 100,000 cycles (≈ 870,000 events) and builds
 *       the Lucene index (minutes); each operation is one {@code MemorySearch.search(query, 10)},
 *       snippets included, cycling through eight queries (words, fields, both, a prefix, a
 *       range). Sampled: p50 and p95 are in JMH's percentiles.</li>
 * </ul>
 */
@RecordedIn("memory")
public class MemoryBenchmark {
    static final int EVENTS_PER_OP = 20_000;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String[] FINDINGS = {"java.io.File is forbidden in a method", "the method changes state without markChanged",
            "Thread is forbidden", "reflection is not allowed", "the trial run threw ArithmeticException",
            "the plan has no steps", "unknown property 'sauce' in the artifact", "System.exit is forbidden"};
    static final String[] RULES = {"sandbox", "covenant", "sandbox", "sandbox", "trial", "plan", "data-covenant", "sandbox"};

    /** The audit lines of cycle {@code n}: nine, or four when BRICK's plan fails. */
    static List<String> cycle(long n) {
        String id = String.format("%012x", n * 2_654_435_761L & 0xffff_ffff_ffffL);
        String selector = n % 400 == 0 ? "fibonacci" : n % 400 == 1 ? "isPrime" : "method" + (n % 400);
        Instant start = T0.plusMillis(n * 250);
        if (n % 10 == 9) {
            return AuditLines.failedPlan(id, selector, start, FINDINGS[5] + " for " + selector);
        }
        String prompt = "You are ROBIN, the Embodied Heart. Mission " + n + ": teach the receiver @" + (n % 977)
                + " the method '" + selector + "'. Goal: answer " + selector + " for the argument, memoizing in a"
                + " slot. What the others found: BABS: a similar method exists; ALFRED: keep the covenant. "
                + "Write one Java method `Object " + selector + "(UvmObject self, Object... args)`. "
                + "Every path that changes state ends with self.markChanged(). No files, threads or reflection. "
                + "Answer with a MethodArtifact {selector, source, rationale}. ".repeat(12)
                + (n % 5 == 0 ? "Examples from Fractal Memory: " + "Object fib(UvmObject self, Object n) { ... } ".repeat(100)
                : "");
        String response = "{\"selector\": \"" + selector + "\", \"source\": \"Object " + selector
                + "(UvmObject self, Object... args) { long k = (Long) args[0]; self.set(\\\"memo\\\", k); "
                + "self.markChanged(); return k + " + n + "; }\", \"rationale\": \"memoizes the last argument\"}";
        boolean refused = n % 10 < 3;
        List<Map<String, Object>> findings = refused
                ? List.of(AuditLines.finding(RULES[(int) (n % 8)], "error", FINDINGS[(int) (n % 8)], n % 7 + 1))
                : List.of();
        return AuditLines.cycle(id, selector, start, prompt, response, findings);
    }

    static LivingImage newImage(Path dir) {
        LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        List<GenesisStep> steps = new ArrayList<>(Genesis.coreSteps());
        steps.addAll(MemoryGenesis.steps());
        new Genesis(steps).apply(new ObjectSpace(image));
        return image;
    }

    /** Appends cycles from {@code next} on until at least {@code events} lines were written; answers the next cycle. */
    static long appendEvents(Path file, long next, int events) {
        List<String> lines = new ArrayList<>(events + 9);
        while (lines.size() < events) {
            lines.addAll(cycle(next++));
        }
        AuditLines.append(file, lines);
        return next;
    }

    @State(Scope.Thread)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, batchSize = 1)
    @Measurement(iterations = 5, batchSize = 1)
    public static class Ingest {
        private Path dir;
        private LivingImage image;
        private Ingestion ingestion;
        private long next;
        private int lastEvents;

        @Setup(Level.Trial)
        public void open() {
            dir = BenchImages.newDir("bench-memory-ingest-");
            image = newImage(dir);
            ingestion = new Ingestion(image, new FileRotation(new AuditFiles(dir)));
        }

        @Setup(Level.Invocation)
        public void writeLog() {
            long before = next;
            next = appendEvents(new AuditFiles(dir).current(), next, EVENTS_PER_OP);
            lastEvents = (int) (next - before);
        }

        @TearDown(Level.Trial)
        public void close() {
            BenchImages.closeQuietly(image);
            BenchImages.delete(dir);
        }

        /** Ingest about 20,000 events (whole cycles), durably, then rotate. */
        @Benchmark
        @Goal(what = "Ingestion of 20,000 audit events: read, parsed, folded into documents, blobs stored, committed, log rotated", unit = "events/s", target = "≥ 20000")
        @OperationsPerInvocation(EVENTS_PER_OP)
        public IngestResult ingest() {
            IngestResult result = ingestion.run();
            if (result.events() < EVENTS_PER_OP) {
                throw new IllegalStateException("ingested only " + result.events() + " events of " + lastEvents + " cycles");
            }
            return result;
        }
    }

    /** Ingests {@code cycles} synthetic cycles into the image's catalog, 10,000 at a time; answers the events. */
    static long corpus(Path dir, LivingImage image, int cycles) {
        Ingestion ingestion = new Ingestion(image, new FileRotation(new AuditFiles(dir)), 50_000);
        long events = 0;
        for (long n = 0; n < cycles; n += 10_000) {
            List<String> lines = new ArrayList<>();
            for (long c = n; c < n + 10_000; c++) {
                lines.addAll(cycle(c));
            }
            AuditLines.append(new AuditFiles(dir).current(), lines);
            events += ingestion.run().events();
        }
        return events;
    }

    /**
     * ALFRED's meta-analysis over the catalog of 100,000 cycles: every document read from the
     * image at one transaction ({@code FractalMemory.catalogued()}) and folded into the report —
     * what {@code batos metacognition report} and each autotelic pass with new events cost.
     */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    public static class Report {
        private Path dir;
        private LivingImage image;
        private FractalMemory memory;

        @Setup(Level.Trial)
        public void build() {
            dir = BenchImages.newDir("bench-memory-report-");
            image = newImage(dir);
            corpus(dir, image, Search.CYCLES);
            memory = FractalMemory.withoutWriter(image);
        }

        @TearDown(Level.Trial)
        public void close() {
            if (memory != null) {
                memory.close();
            }
            BenchImages.closeQuietly(image);
            BenchImages.delete(dir);
        }

        /** The report over every document of the catalog. */
        @Benchmark
        @Goal(what = "ALFRED's metacognition report over the catalog of 100,000 cycles", unit = "s")
        public MetacognitionReport report() {
            return MetaAnalysis.analyze(memory.catalogued());
        }
    }

    @State(Scope.Thread)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 10)
    public static class Search {
        static final int CYCLES = 100_000;
        static final String[] QUERIES = {"fibonacci", "outcome:FAILED AND persona:BRICK", "selector:method123",
                "markChanged AND rule:sandbox", "forbidden OR reflection", "state:VALIDATING AND outcome:COMPLETE",
                "selector:method1* AND mission_type:method", "started:[2026-01-01T01:00 TO 2026-01-01T02:00]"};
        private Path dir;
        private LivingImage image;
        private MemorySearch memory;
        private int query;

        @Setup(Level.Trial)
        public void build() {
            dir = BenchImages.newDir("bench-memory-search-");
            image = newImage(dir);
            long started = System.nanoTime();
            long events = corpus(dir, image, CYCLES);
            long ingested = System.nanoTime();
            memory = MemorySearch.open(image);
            long indexed = System.nanoTime();
            System.err.printf("%n[corpus] %d cycles, %d events ingested in %.1f s; index built in %.1f s%n", CYCLES,
                    events, (ingested - started) / 1e9, (indexed - ingested) / 1e9);
            for (String q : QUERIES) {
                System.err.printf("[corpus] %-55s %d+ hits%n", q, memory.search(q, 10).size());
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            if (memory != null) {
                memory.close();
            }
            BenchImages.closeQuietly(image);
            BenchImages.delete(dir);
        }

        /** One search of the top 10, snippets included, over 100,000 cycles. */
        @Benchmark
        @Goal(what = "Search, top 10 with snippets, over 100,000 cycles' documents, eight kinds of query (p95)", figure = "p95", unit = "ms", target = "≤ 50")
        public List<Hit> search() {
            String q = QUERIES[query];
            query = (query + 1) % QUERIES.length;
            return memory.search(q, 10);
        }
    }
}
