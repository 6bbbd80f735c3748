package io.batos.bench;

import io.batos.code.MethodRuntime;
import io.batos.code.Primitives;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Transaction;
import io.batos.kernel.Vessel;
import io.batos.object.UvmObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Methods: a compiled method's send through a 3-deep parents chain (target ≥ 10 million/s on one
 * thread, budget checks included), the batch compile of 500 methods with a cold JVM and an empty
 * bytecode cache (target ≤ 5 s) and with a warm cache (target ≤ 0.5 s), and the latency of one
 * install — guardian, compile, commit — warm (target ≤ 100 ms median).
 */
@RecordedIn("methods")
public class MethodBenchmark {

    static String method(int i) {
        return method("m" + i, i);
    }

    static String method(String name, int i) {
        return "Object " + name + "(UvmObject self, Object... args) {\n"
                + "    List<Long> values = new ArrayList<>();\n"
                + "    for (long k = 0; k < " + (i % 7 + 3) + "; k++) {\n"
                + "        values.add(k * " + i + ");\n"
                + "    }\n"
                + "    return values.stream().mapToLong(Long::longValue).sum() + \" from \" + self.oid();\n"
                + "}";
    }

    /** A compiled method found three parents up, sent inside one open transaction. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public static class Send {
        Path dir;
        Vessel vessel;
        Transaction tx;
        UvmObject receiver;

        @Setup(Level.Trial)
        public void build() {
            dir = BenchImages.newDir("bench-method-send-");
            vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
            vessel.methods().primitives().register("bench.answer", (self, args) -> self);
            long oid = vessel.image().inTransaction("chain", "bench", t -> {
                UvmObject holder = vessel.space().lobby(t).clone().set("answer", new MethodSource(
                        "Object answer(UvmObject self, Object... args) { return self; }"))
                        .set("primitiveAnswer", new io.batos.image.Primitive("bench.answer"));
                return holder.clone().clone().clone().oid();
            });
            tx = vessel.image().begin("send bench", "bench");
            receiver = vessel.space().object(tx, oid);
            receiver.send("answer");
        }

        @Benchmark
        @Goal(what = "Send of a compiled method found three parents up", unit = "sends/s", target = "≥ 10000000")
        public Object sendCompiledMethodThroughThreeParents() {
            return receiver.send("answer");
        }

        /**
         * The same answer from a Java primitive: the same lookup, invoker and budget bookkeeping,
         * without the generated class and its inserted checks — the yardstick for their cost.
         */
        @Benchmark
        @Goal(what = "Reference: the same answer from a Java primitive", unit = "sends/s")
        public Object sendPrimitiveThroughThreeParents() {
            return receiver.send("primitiveAnswer");
        }

        @TearDown(Level.Trial)
        public void close() {
            tx.abort();
            vessel.close();
            BenchImages.delete(dir);
        }
    }

    /** 500 methods compiled in one batch on open: a cold JVM each fork, an empty cache. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(3)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public static class BatchCold {
        Path dir;
        List<String> sources;

        @Setup(Level.Iteration)
        public void prepare() {
            dir = BenchImages.newDir("bench-batch-cold-");
            sources = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sources.add(method(i));
            }
        }

        @Benchmark
        @Goal(what = "Batch compile of 500 methods in a cold JVM with an empty bytecode cache", unit = "ms", target = "≤ 5000")
        public int compile500Cold() {
            int compiled = new MethodRuntime(dir.resolve("vessel"), new Primitives()).warmUp(sources);
            if (compiled != 500) {
                throw new IllegalStateException("expected 500 compiled, got " + compiled);
            }
            return compiled;
        }

        @TearDown(Level.Iteration)
        public void clean() {
            BenchImages.delete(dir);
        }
    }

    /** 500 methods made ready from a warm bytecode cache (what a reopen costs). */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public static class BatchWarm {
        Path dir;
        List<String> sources;

        @Setup(Level.Trial)
        public void prepare() {
            dir = BenchImages.newDir("bench-batch-warm-");
            sources = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sources.add(method(i));
            }
            new MethodRuntime(dir.resolve("vessel"), new Primitives()).warmUp(sources);
        }

        @Benchmark
        @Goal(what = "500 methods made ready from a warm bytecode cache", unit = "ms", target = "≤ 500")
        public int load500FromCache() {
            int compiled = new MethodRuntime(dir.resolve("vessel"), new Primitives()).warmUp(sources);
            if (compiled != 0) {
                throw new IllegalStateException("the cache missed " + compiled + " methods");
            }
            return compiled;
        }

        @TearDown(Level.Trial)
        public void clean() {
            BenchImages.delete(dir);
        }
    }

    /** One install, warm: guardian, compile with the sandbox, commit with fsync. */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public static class Install {
        Path dir;
        Vessel vessel;
        int counter;

        @Setup(Level.Trial)
        public void open() {
            dir = BenchImages.newDir("bench-install-");
            vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        }

        @Benchmark
        @Goal(what = "Install latency, warm: guardian, compile in the sandbox, durable commit (median)", figure = "p50", unit = "ms", target = "≤ 100")
        public long installOne() {
            int i = counter++;
            // One slot replaced each time, so the lobby does not grow with the run.
            return vessel.installer().install("lobby", "m", method("m", i), "bench").txId();
        }

        @TearDown(Level.Trial)
        public void close() {
            vessel.close();
            BenchImages.delete(dir);
        }
    }
}
