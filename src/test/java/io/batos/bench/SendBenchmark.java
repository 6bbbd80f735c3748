package io.batos.bench;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A data-slot send found three parents up, with the lookup cache warm: object {@code c} has parent
 * {@code b}, {@code b} has {@code a}, {@code a} has {@code holder}, and only {@code holder} has the
 * slot {@code x}. The chain is committed first; the benchmark then runs {@code c.send("x")}
 * repeatedly inside one open (read-only) transaction, so after the first send the lookup is answered
 * by the shared lookup cache and the value comes from the transaction's working copy of
 * {@code holder} — no I/O, no decoding. What is measured is the object layer's per-send overhead:
 * argument array, lookup-cache probe, write-set map lookups, the data-slot path.
 *
 * <p>Before the chain is built, 1,000 oids are burnt so the objects' oids lie outside
 * {@code Long.valueOf}'s small-value cache, as they would in a real image.
 *
 * <p>Target (issue): ≥ 20 million sends/s on one thread ({@code sendThroughThreeParents}).
 *
 * <p>Three reference points, no targets, to show where a send's time goes: {@code sendToHolder}
 * (the same send to the holder itself: lookup depth 0, also cached — depth costs nothing once
 * cached), {@code getThroughThreeParents} ({@code c.get("x")}: the same lookup without the send's
 * argument array and method check), and {@code peekHolderSlot} ({@code tx.peek(holder, "x")}: the
 * transaction's own floor, one write-set lookup and one slot-map lookup, no object layer), and
 * {@code isContainerOnString} (the container check {@code Transaction.read} makes twice per read).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Threads(1)
@RecordedIn("image")
public class SendBenchmark {
    private Path dir;
    private LivingImage image;
    private Transaction tx;
    private UvmObject c;
    private UvmObject holder;
    private long holderOid;

    @Setup(Level.Trial)
    public void build() {
        dir = BenchImages.newDir("bench-send-");
        image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        ObjectSpace space = new ObjectSpace(image);
        try (Transaction burn = image.begin("burn oids", "bench")) {
            for (int i = 0; i < 1_000; i++) {
                burn.create();
            }
        }
        long cOid;
        long hOid;
        try (Transaction build = image.begin("chain", "bench")) {
            UvmObject h = new UvmObjectFactory(space, build).create();
            h.set("x", "the value of x");
            UvmObject a = new UvmObjectFactory(space, build).create().setParents(List.of(h));
            UvmObject b = new UvmObjectFactory(space, build).create().setParents(List.of(a));
            UvmObject cc = new UvmObjectFactory(space, build).create().setParents(List.of(b));
            cOid = cc.oid();
            hOid = h.oid();
            build.commit();
        }
        tx = image.begin("send bench", "bench");
        c = space.object(tx, cOid);
        holder = space.object(tx, hOid);
        holderOid = hOid;
        Object answer = c.send("x");
        if (!"the value of x".equals(answer)) {
            throw new IllegalStateException("c.send(\"x\") answered " + answer);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (tx != null) {
            tx.abort();
        }
        BenchImages.closeQuietly(image);
        BenchImages.delete(dir);
    }

    /** c.send("x"), found three parents up, cached. */
    @Benchmark
    @Goal(what = "Data-slot send found three parents up, cached", unit = "sends/s", target = "≥ 20000000")
    public void sendThroughThreeParents(Blackhole bh) {
        bh.consume(c.send("x"));
    }

    /** Reference: the same data-slot send to the object that holds the slot. */
    @Benchmark
    @Goal(what = "Reference: the same send to the object that holds the slot", unit = "sends/s")
    public void sendToHolder(Blackhole bh) {
        bh.consume(holder.send("x"));
    }

    /** Reference: lookup through three parents and read, without send's extras. */
    @Benchmark
    @Goal(what = "Reference: lookup three parents up and read, without send's extras", unit = "reads/s")
    public void getThroughThreeParents(Blackhole bh) {
        bh.consume(c.get("x"));
    }

    /** Reference: the transaction layer alone, reading the holder's slot without copying. */
    @Benchmark
    @Goal(what = "Reference: the transaction layer alone, reading the holder's slot", unit = "reads/s")
    public void peekHolderSlot(Blackhole bh) {
        bh.consume(tx.peek(holderOid, "x"));
    }

    /** A slot value seen as Object, so the JIT cannot fold the type checks below. */
    private Object stringValue = "the value of x";

    /**
     * Reference: {@code Values.isContainer} on a String, which {@code Transaction.read} calls twice
     * per data-slot read (interface instanceof checks that miss: List, Map).
     */
    @Benchmark
    @Goal(what = "Reference: Values.isContainer on a String (twice per data-slot read)", unit = "checks/s")
    public boolean isContainerOnString() {
        return io.batos.image.Values.isContainer(stringValue);
    }

    /** Creates plain objects through the public API (a new oid, wrapped as a handle). */
    private record UvmObjectFactory(ObjectSpace space, Transaction tx) {
        UvmObject create() {
            long oid = tx.create();
            tx.set(oid, "name", "chain link " + oid);
            return space.object(tx, oid);
        }
    }
}
