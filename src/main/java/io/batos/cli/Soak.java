package io.batos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.OpenReport;
import io.batos.image.PackReport;
import io.batos.image.VerifyReport;
import io.batos.kernel.ModelImporter;
import io.batos.kernel.Targets;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import io.batos.object.UvmObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reliability sweep behind {@code batos soak}: a real {@code batos serve} process on a fresh
 * image, clients hammering it over ZMQ, SIGKILLs at random moments, undo and pack between the
 * server's lives, and at the end a clean stop, {@code verify} and a check of every transaction a
 * client was told had committed.
 *
 * <p>A run is a sequence of <em>lives</em>: the server starts, becomes ready, serves until the
 * moment drawn for its SIGKILL (uniformly between half and one and a half {@code killEvery} after
 * it became ready), dies, and between that life and the next the image is opened in this process:
 * recovery runs, {@code verify} reads everything, an acknowledged edit may be undone, history may
 * be packed, and every acknowledgement recorded since the last such pause is checked in the
 * {@link SoakLedger}. The last life ends at the deadline with SIGTERM, which must stop the server
 * cleanly (exit 0, nothing left to recover).
 *
 * <p>Why undo and pack run between lives, in-process: the protocol has no undo or pack, and they
 * are exactly the operations that rewrite what recovery reads (a new record restoring old states;
 * a rewritten log), so the next life's crash recovery meets their results.
 *
 * <p>The seed fixes the kill moments, the undo and pack decisions and each client's choices;
 * thread timing still varies, so a run is repeatable in kind, not in every transaction.
 */
final class Soak {
    /** How long a starting server may take to say it is ready (a loaded CI machine, a growing log). */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** How long the clean stop may take: running cycles are let finish. */
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
    /** Objects the clients edit: few, so that clients meet on the same objects and slots. */
    static final int EDITED_OBJECTS = 6;
    static final double UNDO_CHANCE = 0.5;
    static final double PACK_CHANCE = 0.3;
    /** How far back from the last transaction a pack may leave history unfolded. */
    static final int PACK_KEEP_MAX = 40;

    /**
     * How to run.
     *
     * @param duration  how long the lives last in all (setup and the final checks come on top)
     * @param killEvery the mean time from a server's readiness to its SIGKILL; zero: never kill
     * @param clients   concurrent clients
     * @param seed      the seed of every random choice
     * @param image     where the image is made (a directory that holds none)
     * @param serverLog where the servers' output is appended
     * @param progress  where a line per life goes (stderr)
     */
    record Options(Duration duration, Duration killEvery, int clients, long seed, Path image, Path serverLog,
                   PrintWriter progress) {
    }

    /** The objects the soak plays on: those edited, and the object whose clones become receivers. */
    record Stage(List<Long> edited, long receivers) {
    }

    /**
     * One life of the server.
     *
     * @param endsAt {@link System#nanoTime()} of its planned end (SIGKILL, or the deadline)
     */
    record Life(int number, String endpoint, long endsAt) {
    }

    /**
     * Hands the current life to the clients and learns when all of them have left it, so that
     * nothing is recorded in the ledger while the driver checks it between lives.
     */
    static final class Lives {
        private final int clients;
        private Life current;
        private boolean finished;
        private int waiting;

        Lives(int clients) {
            this.clients = clients;
        }

        synchronized void begin(Life life) {
            current = life;
            notifyAll();
        }

        synchronized void end() {
            current = null;
        }

        /** No life will follow: clients waiting for one leave. */
        synchronized void finish() {
            finished = true;
            current = null;
            notifyAll();
        }

        synchronized boolean isCurrent(Life life) {
            return current == life;
        }

        /** The first life numbered above {@code seen}, waiting for it; null once finished. */
        synchronized Life next(int seen) {
            waiting++;
            notifyAll();
            try {
                while (!finished && (current == null || current.number() <= seen)) {
                    wait();
                }
                return finished ? null : current;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                waiting--;
            }
        }

        /** Waits until every client waits for the next life; answers whether they all did in time. */
        synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (waiting < clients) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** What happened, counted by the clients and the driver as it happens. */
    static final class Counts {
        final AtomicLong sets = new AtomicLong();
        final AtomicLong evals = new AtomicLong();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong objectsCreated = new AtomicLong();
        final AtomicLong installs = new AtomicLong();
        final AtomicLong cyclesStarted = new AtomicLong();
        final AtomicLong cyclesCompleted = new AtomicLong();
        final AtomicLong cyclesFailed = new AtomicLong();
        final AtomicLong cyclesInterrupted = new AtomicLong();
        final AtomicLong wrongAnswers = new AtomicLong();
        final AtomicLong unanswered = new AtomicLong();
        final AtomicLong stalls = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
        final AtomicLong connectFailures = new AtomicLong();
        final AtomicLong kills = new AtomicLong();
        final AtomicLong crashes = new AtomicLong();
        final AtomicLong tornTails = new AtomicLong();
        final AtomicLong indexRebuilds = new AtomicLong();
        final AtomicLong undos = new AtomicLong();
        final AtomicLong undosRefused = new AtomicLong();
        final AtomicLong packs = new AtomicLong();
        final AtomicLong verifies = new AtomicLong();
        /** From starting a server process to its ready line: the restart time a user would wait. */
        final Timing ready = new Timing();
        /** The pauses between lives: recovery, verify, checks, undo and pack, in this process. */
        final Timing between = new Timing();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        /** What the clients found wrong beyond the ledger: a reply that contradicts its own request, a client that broke. */
        final Queue<String> problems = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicLong> cycleErrors = new ConcurrentHashMap<>();

        void error(String code) {
            errors.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        }

        void cycleError(String code) {
            cycleErrors.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Durations of something that happens once a life: how many, their total and the longest. */
    static final class Timing {
        private long count;
        private long totalNanos;
        private long maxNanos;

        synchronized void add(long nanos) {
            count++;
            totalNanos += nanos;
            maxNanos = Math.max(maxNanos, nanos);
        }

        synchronized double meanSeconds() {
            return count == 0 ? 0 : Math.round(totalNanos / (double) count / 1e8) / 10.0;
        }

        synchronized double maxSeconds() {
            return Math.round(maxNanos / 1e8) / 10.0;
        }
    }

    private final Options options;
    private final Random random;
    private final SoakLedger ledger = new SoakLedger();
    private final Counts counts = new Counts();
    /** Why the run failed beyond the ledger's losses: crashes, an unclean stop, damage; first first. */
    private final Set<String> failures = new LinkedHashSet<>();
    private String verify = "ok";
    private Stage stage;
    private final List<Thread> clients = new ArrayList<>();
    /** The server process of the current life, for the shutdown hook. */
    private volatile Process current;
    private int lives;

    Soak(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /** Runs the whole soak and answers its figures; never throws for what the soak finds. */
    SoakReport run() {
        stage = prepare(options.image());
        Lives handover = new Lives(options.clients());
        Semaphore thinkers = new Semaphore(Math.max(1, options.clients() / 4));
        for (int i = 0; i < options.clients(); i++) {
            Thread t = new Thread(new SoakClient(i, options.seed() * 31 + i, stage, handover, ledger, counts, thinkers),
                    "soak-client-" + i);
            t.setDaemon(true);
            t.start();
            clients.add(t);
        }
        long start = System.nanoTime();
        long deadline = start + options.duration().toNanos();
        // Ctrl-C on the soak must not leave a server serving the image on a random port forever.
        Thread orphanKiller = new Thread(() -> {
            Process p = current;
            if (p != null) {
                p.destroyForcibly();
            }
        }, "soak-server-killer");
        Runtime.getRuntime().addShutdownHook(orphanKiller);
        try {
            runLives(handover, deadline);
        } finally {
            stopClients(handover);
            try {
                Runtime.getRuntime().removeShutdownHook(orphanKiller);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs, as it should.
            }
        }
        long elapsed = System.nanoTime() - start;
        finalCheck();
        failures.addAll(counts.problems);
        return SoakReport.of(options, Duration.ofNanos(elapsed), lives, counts, ledger, verify, List.copyOf(failures));
    }

    /**
     * Lives until the deadline. The last one always ends with SIGTERM, so a run whose deadline
     * passes between two lives starts one more, which stops as soon as it is ready: the clean
     * stop is part of what is tested.
     */
    private void runLives(Lives handover, long deadline) {
        while (true) {
            lives++;
            SoakServer server;
            long starting = System.nanoTime();
            try {
                server = SoakServer.start(options.image(), options.serverLog(), lives, READY_TIMEOUT, p -> current = p);
            } catch (RuntimeException e) {
                failures.add(Failures.message(e));
                return;
            }
            boolean crashed = false;
            try (server) {
                long ready = System.nanoTime();
                counts.ready.add(ready - starting);
                long killAt = options.killEvery().isZero() ? Long.MAX_VALUE
                        : ready + (long) (options.killEvery().toNanos() * (0.5 + random.nextDouble()));
                boolean last = killAt - deadline >= 0;
                long endsAt = last ? Math.max(ready, deadline) : killAt;
                handover.begin(new Life(lives, server.endpoint(), endsAt));
                if (server.waitFor(Duration.ofNanos(Math.max(0, endsAt - System.nanoTime())))) {
                    crashed = true;
                    counts.crashes.incrementAndGet();
                    failures.add("`batos serve` (life " + lives + ") exited on its own with " + server.exitValue()
                            + " after " + seconds(System.nanoTime() - ready) + "; its last line on stderr: "
                            + server.lastErrorLine());
                    handover.end();
                } else if (!last) {
                    server.kill();
                    counts.kills.incrementAndGet();
                    handover.end();
                    progress("life " + lives + " (pid " + server.pid() + ", ready in " + seconds(ready - starting)
                            + ") killed after " + seconds(killAt - ready)
                            + "; " + ledger.acknowledgedTransactions() + " transactions acknowledged so far");
                } else {
                    // The deadline: the clients leave (their requests end with the life), then SIGTERM.
                    stopClients(handover);
                    int exit = server.stop(STOP_TIMEOUT);
                    progress("life " + lives + " (pid " + server.pid() + ") stopped with SIGTERM: exit " + exit);
                    if (exit != 0) {
                        failures.add("`batos serve` (life " + lives + ") " + (exit < 0 ? "did not stop within "
                                + STOP_TIMEOUT.toSeconds() + " s of SIGTERM (killed)" : "exited with " + exit
                                + " on SIGTERM") + "; its last line on stderr: " + server.lastErrorLine());
                    }
                    return;
                }
            }
            long pause = System.nanoTime();
            boolean idle = awaitIdle(handover);
            between(idle);
            counts.between.add(System.nanoTime() - pause);
            if (crashed && System.nanoTime() - deadline >= 0) {
                // A server that dies on its own past the deadline could do so again and again; the end checks still run.
                return;
            }
        }
    }

    /** Tells the clients no life follows and waits for them: their requests end with the life, plus the grace. */
    private void stopClients(Lives handover) {
        handover.finish();
        for (Thread t : clients) {
            join(t);
        }
    }

    private boolean awaitIdle(Lives handover) {
        try {
            // Requests end with the life (plus the grace); a connect or a reply being read finishes soon after.
            return handover.awaitIdle(SoakClient.GRACE.plus(SoakClient.QUICK));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The pause between two lives: recovery, verify, maybe an undo, the checks, maybe a pack.
     *
     * @param idle whether every client has left the last life; a pack waits for that, since it
     *             may fold only what was checked
     */
    private void between(boolean idle) {
        List<String> done = new ArrayList<>();
        try (Vessel vessel = Vessel.open(options.image(), LivingImage.OpenMode.EXISTING)) {
            LivingImage image = vessel.image();
            OpenReport recovery = image.openReport();
            if (recovery.truncatedBytes() > 0) {
                counts.tornTails.incrementAndGet();
            }
            if (recovery.indexRebuilt() != null) {
                counts.indexRebuilds.incrementAndGet();
            }
            recovery.lines().forEach(line -> done.add("recovery: " + line));
            verify(image, "after life " + lives);
            if (random.nextDouble() < UNDO_CHANCE) {
                done.add(undo(image));
            }
            long failed = ledger.checkPending(image);
            done.add("checked, " + failed + " failed");
            if (idle && random.nextDouble() < PACK_CHANCE) {
                done.add(pack(image));
            }
        } catch (RuntimeException e) {
            failures.add("between lives " + lives + " and " + (lives + 1) + ": " + Failures.message(e));
        }
        progress("  " + String.join("; ", done));
    }

    private void verify(LivingImage image, String when) {
        VerifyReport report = image.verify();
        counts.verifies.incrementAndGet();
        if (!report.ok() && "ok".equals(verify)) {
            verify = "failed " + when + ": " + report.problems().get(0)
                    + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more)" : "");
        }
    }

    /**
     * Undoes the newest acknowledged edit of a random object, and records the undo's own
     * transaction as a write of each slot it restored — which the ledger then checks like any other.
     */
    private String undo(LivingImage image) {
        long oid = stage.edited().get(random.nextInt(stage.edited().size()));
        SoakLedger.Write write = ledger.lastClientWrite(oid);
        if (write == null) {
            return "nothing to undo on @" + oid;
        }
        Map<String, Object> before = image.stateAt(oid, write.txId() - 1);
        Map<String, Object> at = image.stateAt(oid, write.txId());
        long undoTx;
        try {
            undoTx = image.undo(write.txId());
        } catch (ImageException e) {
            // A later write whose reply was lost to the kill committed on the object: undo must refuse.
            counts.undosRefused.incrementAndGet();
            return "undo refused: " + e.getMessage();
        }
        counts.undos.incrementAndGet();
        Set<String> slots = new LinkedHashSet<>();
        if (before != null) {
            slots.addAll(before.keySet());
        }
        if (at != null) {
            slots.addAll(at.keySet());
        }
        for (String slot : slots) {
            JsonNode was = valueOf(before, slot);
            if (!java.util.Objects.equals(was, valueOf(at, slot))) {
                ledger.acknowledged(new SoakLedger.Write(oid, slot, was, undoTx, "undo"));
            }
        }
        return "undid tx " + write.txId() + " (tx " + undoTx + ")";
    }

    /** Packs all but the last few transactions and checks that no current value changed. */
    private String pack(LivingImage image) {
        long bound = Math.max(1, image.lastTx() - random.nextInt(PACK_KEEP_MAX));
        Map<SoakLedger.SlotKey, JsonNode> before = ledger.currentValues(image);
        PackReport report = image.pack(bound);
        ledger.folded(report.bound());
        ledger.comparePack(before, ledger.currentValues(image), report.bound());
        counts.packs.incrementAndGet();
        verify(image, "after a pack");
        return "packed up to tx " + report.bound() + " (" + report.removedRecords() + " records folded, "
                + report.removedObjects() + " objects dropped)";
    }

    /** After the clean stop: open as {@code batos image verify} would, verify, check everything. */
    private void finalCheck() {
        try (Vessel vessel = Vessel.openReadOnly(options.image())) {
            LivingImage image = vessel.image();
            List<String> recovery = image.openReport().lines();
            if (!recovery.isEmpty() && failures.isEmpty()) {
                failures.add("the clean stop left work for recovery: " + String.join("; ", recovery));
            }
            verify(image, "at the end");
            ledger.checkEnd(image);
        } catch (RuntimeException e) {
            failures.add("the end checks could not run: " + Failures.message(e));
        }
    }

    /**
     * Makes the image: the demo core (so that sends start cycles answered without a download), and
     * in one transaction {@code lobby.soak} holding the edited objects {@code o0…} and
     * {@code receivers}, whose clones the missions teach.
     */
    private Stage prepare(Path dir) {
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE)) {
            new ModelImporter(vessel).importDemo(ModelImporter.Progress.NONE);
            Stage stage = vessel.image().inTransaction("soak: objects to edit, a home for receivers", "soak", 1, tx -> {
                UvmObject lobby = Targets.resolve(vessel.space(), tx, "lobby");
                UvmObject soak = lobby.clone();
                lobby.set("soak", soak);
                List<Long> objects = new ArrayList<>();
                for (int i = 0; i < EDITED_OBJECTS; i++) {
                    UvmObject o = lobby.clone();
                    soak.set("o" + i, o);
                    objects.add(o.oid());
                }
                UvmObject receivers = lobby.clone();
                soak.set("receivers", receivers);
                tx.commit();
                return new Stage(List.copyOf(objects), receivers.oid());
            });
            return stage;
        }
    }

    private static JsonNode valueOf(Map<String, Object> state, String slot) {
        return state == null || !state.containsKey(slot) ? null : ValueJson.toJson(state.get(slot));
    }

    private static void join(Thread t) {
        try {
            t.join(SoakClient.QUICK.plus(SoakClient.GRACE).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private void progress(String line) {
        options.progress().println("soak: " + line);
        options.progress().flush();
    }

    /** The error counts by code, sorted, for the report. */
    static Map<String, Long> sorted(Map<String, AtomicLong> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
