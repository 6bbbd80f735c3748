package io.batos.kernel;

import io.batos.code.MethodRuntime;
import io.batos.cognition.psm.Orchestrator;
import io.batos.cognition.psm.PsmGenesis;
import io.batos.code.Verdict;
import io.batos.events.Event;
import io.batos.events.EventBus;
import io.batos.code.Primitives;
import io.batos.guardian.CovenantCompiler;
import io.batos.guardian.DataGuardian;
import io.batos.guardian.PersistenceGuardian;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Transaction;
import io.batos.image.TxInfo;
import io.batos.memory.FractalMemory;
import io.batos.memory.LogRotation;
import io.batos.memory.MemoryGenesis;
import io.batos.memory.flywheel.FlywheelGenesis;
import io.batos.metacognition.AuditLog;
import io.batos.object.Genesis;
import io.batos.object.GenesisStep;
import io.batos.object.ObjectSpace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process's body around an image: opens it, brings its world up to this build's genesis, and
 * wires the layers together; closing it closes everything in order, the image last.
 *
 * <p>The blueprint's "Body vs. Vessel": the image is the persistent self, the vessel the runtime
 * that can always be rebuilt. The command line, the workbench and the server all start here, so
 * they see one and the same system.
 */
public final class Vessel implements AutoCloseable {
    private final LivingImage image;
    private final ObjectSpace space;
    private final List<GenesisStep> applied;
    private final MethodRuntime methods;
    private final MethodInstaller installer;
    private final CognitiveCore cognitiveCore;
    private final LocalEventBus events = new LocalEventBus();
    private final Orchestrator orchestrator;
    /** Compiled data covenants, by the hash of their text: shared by every transaction of the process. */
    private final CovenantCompiler covenants = new CovenantCompiler();
    /** The audit trail of the cycles, {@code metacognition.jsonl}; null for a read-only open. */
    private final AuditLog auditLog;
    /** The knowledge catalog's ingestion and search; ingestion rotates the log through its writer. */
    private final FractalMemory memory;
    /** ALFRED's meta-analysis and curation, and the review of datasets. */
    private final Flywheel flywheel;
    /** The autotelic loop, when a long-running process started one. */
    private AutotelicLoop autotelic;

    private Vessel(LivingImage image, boolean applyGenesis) {
        this.image = image;
        this.space = new ObjectSpace(image);
        this.methods = new MethodRuntime(image.directory().resolve("vessel"), new Primitives());
        space.setMethodInvoker(methods);
        this.installer = new MethodInstaller(space, methods, new PersistenceGuardian());
        this.cognitiveCore = new CognitiveCore(space, image.directory().resolve("vessel"));
        // before genesis, so that no commit of this process ever escapes the Data Covenant
        image.addCommitCheck(new DataCovenantCheck(space, covenants));
        image.addCommitListener(this::announce);
        this.orchestrator = new Orchestrator(space, methods, new PersistenceGuardian(), cognitiveCore::model,
                this::validateData, events, this::memory);
        space.setDoesNotUnderstandHandler(new CognitiveDoesNotUnderstand(cognitiveCore, orchestrator));
        List<GenesisStep> steps = List.of();
        AuditLog audit = null;
        FractalMemory fractal = null;
        Flywheel flywheel = null;
        try {
            if (applyGenesis) {
                // writable opens only: a read-only vessel runs no cycles and must not create files
                audit = AuditLog.open(image.directory());
                audit.subscribe(events, Orchestrator.PSM_TOPIC);
                AuditLog writer = audit;
                // Ingestion rotates under the writer's lock, so no event is half in one file.
                fractal = new FractalMemory(image, new LogRotation() {
                    @Override
                    public Rotated rotate() {
                        AuditLog.Rotation r = writer.rotate();
                        return new Rotated(r.archivedGeneration(), r.archive(), r.newGeneration());
                    }

                    @Override
                    public void flush() {
                        writer.flush();
                    }
                });
            } else {
                fractal = FractalMemory.withoutWriter(image);
            }
            fractal.registerPrimitives(methods.primitives());
            flywheel = new Flywheel(image, fractal, events);
            flywheel.registerPrimitives(methods.primitives());
            if (applyGenesis) {
                steps = genesis().apply(space);
            }
        } catch (RuntimeException e) {
            if (audit != null) {
                audit.close();
            }
            image.close();
            throw e;
        }
        this.applied = steps;
        this.auditLog = audit;
        this.memory = fractal;
        this.flywheel = flywheel;
    }

    /**
     * Opens an image and applies missing genesis steps (one transaction, only when some are missing).
     */
    public static Vessel open(Path dir, LivingImage.OpenMode mode) {
        return open(dir, mode, LivingImage.Progress.NONE);
    }

    /** {@link #open(Path, LivingImage.OpenMode)}, telling {@code progress} how an index rebuild goes. */
    public static Vessel open(Path dir, LivingImage.OpenMode mode, LivingImage.Progress progress) {
        return new Vessel(LivingImage.open(dir, mode, progress), true);
    }

    /** Opens an image for reading only: recovery runs, but nothing is ever committed. */
    public static Vessel openReadOnly(Path dir) {
        return openReadOnly(dir, LivingImage.Progress.NONE);
    }

    /** {@link #openReadOnly(Path)}, telling {@code progress} how an index rebuild goes. */
    public static Vessel openReadOnly(Path dir, LivingImage.Progress progress) {
        return new Vessel(LivingImage.open(dir, LivingImage.OpenMode.EXISTING, progress), false);
    }

    /** Every genesis step this build knows, from all layers. */
    public static Genesis genesis() {
        List<GenesisStep> steps = new ArrayList<>(Genesis.coreSteps());
        steps.addAll(PsmGenesis.steps());
        steps.addAll(MemoryGenesis.steps());
        steps.addAll(FlywheelGenesis.steps());
        return new Genesis(steps);
    }

    public LivingImage image() {
        return image;
    }

    public ObjectSpace space() {
        return space;
    }

    /** How method slots run: the compiler, the sandbox, the primitives. */
    public MethodRuntime methods() {
        return methods;
    }

    /** Installs methods through the guardian, the compiler and the sandbox. */
    public MethodInstaller installer() {
        return installer;
    }

    /**
     * Makes every method of the image ready to run in one batch (cached bytecode where it exists,
     * one compiler task for the rest); long-running processes call this once after opening.
     *
     * @return how many methods had to be compiled
     */
    public int warmUpMethods() {
        List<String> sources = new ArrayList<>();
        try (Transaction tx = image.begin("collect methods", "vessel")) {
            for (long oid : image.methodHolders()) {
                if (!tx.exists(oid)) {
                    continue;
                }
                for (String slot : tx.slotNames(oid)) {
                    if (tx.peek(oid, slot) instanceof MethodSource method) {
                        sources.add(method.source());
                    }
                }
            }
        }
        return methods.warmUp(sources);
    }

    /**
     * Announces a commit on topic {@value Kernel#TX_TOPIC}: {@code txId}, {@code time},
     * {@code note}, {@code origin} and {@code oids} as the log recorded them.
     */
    private void announce(TxInfo commit) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("txId", commit.txId());
        fields.put("time", commit.time().toString());
        fields.put("note", commit.note());
        fields.put("origin", commit.origin());
        fields.put("oids", new ArrayList<Object>(commit.oids()));
        events.publish(Event.of(Kernel.TX_TOPIC, "COMMIT", fields));
    }

    /** The process's event bus: cycles, commits and verdicts, for whoever watches. */
    public EventBus events() {
        return events;
    }

    /** The audit log every PSM event is written to; empty for a read-only open. */
    public Optional<AuditLog> auditLog() {
        return Optional.ofNullable(auditLog);
    }

    /** The state machine: cognitive cycles, the verdict queue, approvals. */
    public Orchestrator orchestrator() {
        return orchestrator;
    }

    /** Checks a document against a covenant as the image holds it now (ALFRED's check of an artifact). */
    private Verdict validateData(String covenant, String json) {
        try (Transaction tx = image.begin("validate against " + covenant, "psm")) {
            return dataGuardian(tx).validate(covenant, json);
        }
    }

    /**
     * The DataGuardian over the data covenants in ALFRED's codex as {@code tx} sees them (a covenant
     * edited in {@code tx} applies at once), sharing this vessel's compiled covenants.
     */
    public DataGuardian dataGuardian(Transaction tx) {
        return new DataGuardian(new CodexCovenants(space, tx), covenants);
    }

    /** The genesis steps applied when this vessel opened (empty when the image was current). */
    public List<GenesisStep> genesisApplied() {
        return applied;
    }

    /** Fractal Memory: ALFRED's ingestion of the audit log into the knowledge catalog, and search over it. */
    public FractalMemory memory() {
        return memory;
    }

    /** ALFRED's meta-analysis and curation, and the architect's review and export of datasets. */
    public Flywheel flywheel() {
        return flywheel;
    }

    /**
     * Starts the autotelic loop (ingestion, meta-analysis, curation every {@code period}, and once
     * more at close); long-running processes only — the workbench and {@code batos serve}.
     *
     * @throws IllegalStateException when the image is open read-only or the loop already runs
     */
    public synchronized AutotelicLoop startAutotelicLoop(Duration period) {
        if (auditLog == null) {
            throw new IllegalStateException("a read-only vessel runs no autotelic loop");
        }
        if (autotelic != null) {
            throw new IllegalStateException("the autotelic loop already runs");
        }
        autotelic = AutotelicLoop.start(this, period);
        return autotelic;
    }

    /** The image's cognitive core, loaded on first use. */
    public CognitiveCore cognitiveCore() {
        return cognitiveCore;
    }

    /**
     * Ends the cycles (parked ones are abandoned), runs the autotelic loop's shutdown pass when it
     * runs (so the abandonments are ingested too), closes the cognitive core, Fractal Memory's
     * search index and the audit log (everything flushed), then the image (last, always).
     */
    @Override
    public void close() {
        try {
            try {
                orchestrator.close();
            } finally {
                AutotelicLoop loop;
                synchronized (this) {
                    loop = autotelic;
                }
                if (loop != null) {
                    loop.close();
                }
            }
            cognitiveCore.close();
        } finally {
            try {
                try {
                    memory.close();
                } finally {
                    if (auditLog != null) {
                        auditLog.close();
                    }
                }
            } finally {
                image.close();
            }
        }
    }
}
