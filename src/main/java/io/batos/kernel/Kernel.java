package io.batos.kernel;

import io.batos.code.Verdict;
import io.batos.cognition.llm.ChatRequest;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.ModelException;
import io.batos.cognition.psm.CognitiveCycle;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.Orchestrator;
import io.batos.events.Event;
import io.batos.image.ImageException;
import io.batos.image.ImageInfo;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.ObjectRef;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.image.TxInfo;
import io.batos.memory.CycleDocument;
import io.batos.memory.FractalMemory;
import io.batos.memory.Hit;
import io.batos.memory.flywheel.Dataset;
import io.batos.memory.flywheel.MetacognitionReport;
import io.batos.memory.flywheel.ReviewStatus;
import io.batos.object.UvmObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one facade every client of a running image uses — the workbench, and later the server — so
 * that nothing the UI can do is out of a client's reach, and the other way round.
 *
 * <p>Every call is blocking and runs in its own transaction; a caller with a UI runs it on an
 * executor (the {@link ThreadGuard} refuses the UI thread). Objects are named by oid or by the
 * TARGET syntax of {@link Targets}; values cross as Java values or JSON text (DESIGN.md §12).
 *
 * <p>Every commit of the image — through this facade, by a cognitive cycle, by ALFRED's ingestion
 * and curation, by undo — is announced on the vessel's event bus as a {@value #TX_TOPIC} event (the
 * vessel listens to the image), and every install's verdict here as a {@value #VERDICT_TOPIC}
 * event, so the workbench's views and the server's subscribers learn of changes however they were
 * made.
 *
 * <p>Long calls can be stopped from another thread with {@link #cancel(Thread)}: a send or
 * evaluation at its next budget check, a generation within one decode step, a model import before
 * its next file (nothing recorded).
 */
public final class Kernel {
    /** The topic of the event announcing a commit made through this facade. */
    public static final String TX_TOPIC = "tx";
    /** The topic of the event announcing a verdict on a method installed through this facade. */
    public static final String VERDICT_TOPIC = "verdict";
    /** The topic of the cognitive cycles' transitions (each also a record of the audit log). */
    public static final String PSM_TOPIC = Orchestrator.PSM_TOPIC;
    /** The topic of the model's output while a cycle asks it: batches of text and tokens/s. */
    public static final String TOKENS_TOPIC = Orchestrator.TOKENS_TOPIC;
    /** How long {@link #cancelCycle} waits for a cancelled cycle to end. */
    private static final long CANCEL_WAIT_SECONDS = 30;

    /** The origin recorded for transactions a client starts through this facade. */
    private final String origin;
    private final Vessel vessel;
    private final ThreadGuard guard = new ThreadGuard();
    private final Cycles cycles;
    /** How to stop the model work (a generation, an import) now running on a thread. */
    private final Map<Thread, Runnable> cancellers = new ConcurrentHashMap<>();

    public Kernel(Vessel vessel, String origin) {
        this.vessel = vessel;
        this.origin = origin;
        this.cycles = new Cycles(vessel);
    }

    public Vessel vessel() {
        return vessel;
    }

    /**
     * Delivers every later event of the process — on every topic ({@value #TX_TOPIC},
     * {@value #PSM_TOPIC}, {@value #TOKENS_TOPIC}, {@value #VERDICT_TOPIC}, …) — to
     * {@code subscriber} until the answered handle is closed.
     *
     * <p>The subscriber is called on the publishing thread (a commit's, a cycle's, the model's):
     * it must hand the event to its own thread and return at once. Safe from any thread, the UI's
     * included: subscribing waits on nothing.
     */
    public AutoCloseable subscribe(Consumer<Event> subscriber) {
        return vessel.events().subscribe(subscriber);
    }

    /**
     * Cancels a cycle and waits until it has ended: it is then FAILED with nothing written (or,
     * when it was already committing, COMPLETE). A cycle that had already ended is left as it was.
     * Answers the cycle as it ended.
     *
     * @throws ImageException NOT_FOUND when this process has no such cycle; ERROR when it did not
     *                        end within 30 s
     */
    public CycleInfo cancelCycle(String cycleId) {
        guard.check("cancel cycle " + cycleId);
        CognitiveCycle c = vessel.orchestrator().cycle(cycleId)
                .orElseThrow(() -> new ImageException(ImageException.Code.NOT_FOUND, "no cycle " + cycleId));
        if (vessel.orchestrator().cancel(cycleId)) {
            try {
                c.outcome().get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new ImageException(ImageException.Code.ERROR, "cycle " + cycleId + " did not stop within "
                        + CANCEL_WAIT_SECONDS + " s");
            } catch (ExecutionException e) {
                // It ended, however it ended; the description says how.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImageException(ImageException.Code.ERROR, "interrupted while cancelling cycle " + cycleId);
            }
        }
        return cycles.get(cycleId);
    }

    /**
     * Cancels the send, evaluation, generation or model import now running on {@code thread}, if
     * any (safe from any thread).
     */
    public void cancel(Thread thread) {
        vessel.methods().cancel(thread);
        Runnable canceller = cancellers.get(thread);
        if (canceller != null) {
            canceller.run();
        }
    }

    /** Where the UI thread is named, so calls from it fail fast. */
    public ThreadGuard guard() {
        return guard;
    }

    private <T> T read(String what, Function<Transaction, T> work) {
        guard.check(what);
        try (Transaction tx = vessel.image().begin(what, origin)) {
            return work.apply(tx);
        }
    }

    private <T> T write(String what, Function<Transaction, T> work) {
        return write(what, 1, work);
    }

    /**
     * Runs {@code work} in a transaction; a conflict reruns it from a fresh snapshot up to
     * {@code attempts} times, so only a blind write (set, remove) may ask for more than one.
     */
    private <T> T write(String what, int attempts, Function<Transaction, T> work) {
        guard.check(what);
        return vessel.image().inTransaction(what, origin, attempts, work);
    }

    /** The oid a TARGET names. */
    public long resolve(String target) {
        return read("resolve " + target, tx -> Targets.resolve(vessel.space(), tx, target).oid());
    }

    /** The lobby's oid. */
    public long lobby() {
        return read("lobby", tx -> vessel.space().lobby(tx).oid());
    }

    /** Figures about the image. */
    public ImageInfo info() {
        guard.check("info");
        return vessel.image().info();
    }

    /** An object with its parents and its slots, own and inherited. */
    public ObjectDescription describe(long oid) {
        return read("describe @" + oid, tx -> describe(vessel.space().object(tx, oid)));
    }

    private static ObjectDescription describe(UvmObject object) {
        List<SlotDescription> slots = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : object.slotNames()) {
            seen.add(name);
            slots.add(slot(name, object.get(name), object.oid(), false));
        }
        for (String name : object.volatileSlotNames()) {
            slots.add(new SlotDescription(name, SlotDescription.Kind.VOLATILE, object.oid(), false,
                    ValueJson.toJson(object.get(name)).toString(), -1));
        }
        Set<Long> visited = new HashSet<>(List.of(object.oid()));
        List<UvmObject> order = new ArrayList<>();
        collect(object, visited, order);
        for (UvmObject holder : order) {
            for (String name : holder.slotNames()) {
                if (seen.add(name)) {
                    slots.add(slot(name, holder.get(name), holder.oid(), true));
                }
            }
        }
        List<Long> parents = object.parents().stream().map(UvmObject::oid).toList();
        return new ObjectDescription(object.oid(), parents, slots);
    }

    /** Parents depth-first in order, each once: the lookup order. */
    private static void collect(UvmObject object, Set<Long> visited, List<UvmObject> order) {
        for (UvmObject parent : object.parents()) {
            if (visited.add(parent.oid())) {
                order.add(parent);
                collect(parent, visited, order);
            }
        }
    }

    private static SlotDescription slot(String name, Object value, long holder, boolean inherited) {
        SlotDescription.Kind kind;
        long ref = -1;
        if (name.equals(LivingImage.PARENTS_SLOT)) {
            kind = SlotDescription.Kind.PARENTS;
        } else if (value instanceof MethodSource) {
            kind = SlotDescription.Kind.METHOD;
        } else if (value instanceof Primitive) {
            kind = SlotDescription.Kind.PRIMITIVE;
        } else if (value instanceof ObjectRef r) {
            kind = SlotDescription.Kind.REFERENCE;
            ref = r.oid();
        } else {
            kind = SlotDescription.Kind.DATA;
        }
        return new SlotDescription(name, kind, holder, inherited, ValueJson.toJson(value).toString(), ref);
    }

    /** A slot's value as found by lookup (a private copy), or NOT_FOUND. */
    public Object get(long oid, String slot) {
        return read("get @" + oid + "." + slot, tx -> {
            UvmObject object = vessel.space().object(tx, oid);
            if (object.holderOf(slot).isEmpty()) {
                throw new ImageException(ImageException.Code.NOT_FOUND, "no slot '" + slot + "' in @" + oid);
            }
            return object.get(slot);
        });
    }

    /**
     * Sets a slot from JSON text, in one transaction.
     *
     * @return the transaction id
     * @throws ImageException USAGE for malformed JSON or a value that cannot persist (nothing written)
     */
    public long setJson(long oid, String slot, String json) {
        Object value = ValueJson.parse(json);
        return set(oid, slot, value);
    }

    /**
     * Sets a slot to a value, in one transaction; answers the transaction id. A blind write, so a
     * conflict with a concurrent commit is retried on a fresh snapshot (as {@code batos set} does).
     */
    public long set(long oid, String slot, Object value) {
        return write("set @" + oid + "." + slot, LivingImage.DEFAULT_ATTEMPTS, tx -> {
            vessel.space().object(tx, oid).set(slot, value);
            return tx.commit();
        });
    }

    /** Removes an own slot, in one transaction; NOT_FOUND when it has none. */
    public long remove(long oid, String slot) {
        return write("remove @" + oid + "." + slot, LivingImage.DEFAULT_ATTEMPTS, tx -> {
            if (!vessel.space().object(tx, oid).remove(slot)) {
                throw new ImageException(ImageException.Code.NOT_FOUND, "@" + oid + " has no own slot '" + slot + "'");
            }
            return tx.commit();
        });
    }

    /** An Io-style clone of {@code oid} stored in its slot {@code name}; answers the new oid. */
    public long cloneInto(long oid, String name) {
        return write("clone @" + oid + " as " + name, tx -> {
            UvmObject parent = vessel.space().object(tx, oid);
            UvmObject child = parent.clone();
            parent.set(name, child);
            tx.commit();
            return child.oid();
        });
    }

    /**
     * What an evaluation answered.
     *
     * @param json the answer in the JSON forms of DESIGN.md §12
     * @param text the answer as {@code printString} shows it
     * @param ref  the oid when the answer is an object, else -1
     * @param txId the transaction that recorded its changes, or 0 when it changed nothing
     */
    public record Evaluation(String json, String text, long ref, long txId) {
    }

    /** Evaluates a snippet with {@code self} bound to {@code oid}, in one transaction ("do it"). */
    public Evaluation evaluate(long oid, String snippet) {
        return write("evaluate on @" + oid, tx -> {
            Object answer = vessel.methods().evaluate(vessel.space().object(tx, oid), snippet);
            long ref = answer instanceof UvmObject object ? object.oid()
                    : answer instanceof ObjectRef r ? r.oid() : -1;
            String json = ValueJson.toJson(answer).toString();
            String text = answer instanceof UvmObject || answer instanceof ObjectRef ? "@" + ref : String.valueOf(answer);
            long txId = tx.commit();
            return new Evaluation(json, text, ref, txId);
        });
    }

    /** Sends a message in one transaction; the answer as an evaluation would show it. */
    public Evaluation send(long oid, String selector, Object... args) {
        return write("send @" + oid + " " + selector, tx -> {
            Object answer = vessel.space().object(tx, oid).send(selector, args);
            long ref = answer instanceof UvmObject object ? object.oid()
                    : answer instanceof ObjectRef r ? r.oid() : -1;
            String json = ValueJson.toJson(answer).toString();
            long txId = tx.commit();
            return new Evaluation(json, ref >= 0 ? "@" + ref : String.valueOf(answer), ref, txId);
        });
    }

    /**
     * Searches Fractal Memory (Lucene query syntax over the catalog of past cycles); a malformed
     * query is a {@code usage} error. Reads only: the derived index in {@code vessel/} may catch up.
     */
    public List<Hit> searchMemory(String query, int limit) {
        guard.check("memory search");
        return vessel.memory().search().search(query, limit);
    }

    /**
     * One cycle as Fractal Memory remembers it — states path, personas, findings, model exchanges —
     * with every prompt and response as text (those kept as blobs are read), so a viewer needs
     * nothing more. Commits nothing.
     *
     * <p>Why a cycle id and not a search hit: the memory view opens the hits of a search, and the
     * PSM monitor opens the cycles it watched, by the same id. The catalog answers first (one
     * shard and one object); a cycle it does not hold yet — still running, or ended since the last
     * ingestion — is recollected from the catalog and the audit log's unread events, as the
     * report reads them, which costs a read of everything remembered.
     *
     * @throws ImageException NOT_FOUND when neither the catalog nor the log knows the cycle
     */
    public CycleDocument memoryDocument(String cycleId) {
        guard.check("memory document " + cycleId);
        FractalMemory memory = vessel.memory();
        CycleDocument found = memory.document(cycleId)
                .or(() -> memory.cycles().stream().filter(d -> d.cycleId().equals(cycleId)).findFirst())
                .orElseThrow(() -> new ImageException(ImageException.Code.NOT_FOUND,
                        "no cycle " + cycleId + " in Fractal Memory"));
        Map<String, Object> slots = found.toSlots();
        List<Object> exchanges = new ArrayList<>();
        for (Map<String, Object> exchange : found.exchanges()) {
            Map<String, Object> readable = new LinkedHashMap<>(exchange);
            readable.computeIfPresent("prompt", (k, text) -> memory.text(text));
            readable.computeIfPresent("response", (k, text) -> memory.text(text));
            exchanges.add(readable);
        }
        slots.put("exchanges", exchanges);
        return CycleDocument.fromSlots(slots);
    }

    /** ALFRED's meta-analysis of every cycle remembered (catalog and unread log); commits nothing. */
    public MetacognitionReport report() {
        guard.check("metacognition report");
        return vessel.flywheel().report();
    }

    /** The curated datasets, oldest first. */
    public List<Dataset> datasets() {
        guard.check("datasets");
        return vessel.flywheel().datasets();
    }

    /** One curated dataset; NOT_FOUND naming the ids there are. */
    public Dataset dataset(String id) {
        guard.check("dataset " + id);
        return vessel.flywheel().dataset(id);
    }

    /**
     * Records a review of one example of a dataset (see {@link Flywheel#review}); the commit is
     * announced like every other.
     */
    public long reviewDataset(String id, int example, ReviewStatus status, String edit) {
        guard.check("review dataset " + id);
        return vessel.flywheel().review(id, example, status, edit, origin);
    }

    /** Exports a dataset as chat-format JSONL (see {@link Flywheel#export}); writes no transaction. */
    public Flywheel.Export exportDataset(String id, java.nio.file.Path out, boolean acceptedOnly) {
        guard.check("export dataset " + id);
        return vessel.flywheel().export(id, out, acceptedOnly);
    }

    /** The guardian's, compiler's and sandbox's verdict on a method, writing nothing. */
    public Verdict check(String selector, String source) {
        guard.check("check " + selector);
        return vessel.installer().check(selector, source);
    }

    /**
     * The DataGuardian's verdict on JSON text against a data covenant of ALFRED's codex, writing
     * nothing.
     *
     * @throws ImageException NOT_FOUND when the codex has no covenant of that name
     */
    public Verdict checkData(String covenant, String json) {
        return read("check data against " + covenant, tx -> vessel.dataGuardian(tx).validate(covenant, json));
    }

    /** Installs a method (guardian, compiler, sandbox, then one transaction). */
    public MethodInstaller.Result install(long oid, String selector, String source) {
        guard.check("install " + selector);
        MethodInstaller.Result result = vessel.installer().install("@" + oid, selector, source, origin);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("oid", oid);
        fields.put("selector", selector);
        fields.put("accepted", result.verdict().accepted());
        fields.put("installed", result.installed());
        fields.put("txId", result.txId());
        fields.put("findings", result.verdict().findings().stream().map(String::valueOf).toList());
        publish(VERDICT_TOPIC, "INSTALL_VERDICT", fields);
        return result;
    }

    /** Every transaction, oldest first. */
    public List<TxInfo> history() {
        guard.check("history");
        return vessel.image().history();
    }

    /** The transactions that wrote an object, newest first. */
    public List<Long> revisions(long oid) {
        guard.check("revisions");
        return vessel.image().revisions(oid);
    }

    /** An object's slots as of a transaction, as JSON text by slot (null when it did not exist). */
    public Map<String, String> stateAt(long oid, long txId) {
        guard.check("state of @" + oid + " at " + txId);
        Map<String, Object> state = vessel.image().stateAt(oid, txId);
        if (state == null) {
            return null;
        }
        Map<String, String> json = new LinkedHashMap<>();
        state.forEach((k, v) -> json.put(k, ValueJson.toJson(v).toString()));
        return json;
    }

    /** Undoes a transaction; REJECTED with the reason when a later one touched the same objects. */
    public long undo(long txId) {
        guard.check("undo " + txId);
        return vessel.image().undo(txId);
    }

    // ---- cognitive cycles: the verdict queue ----------------------------------------------------

    /** Every cycle this process started, oldest first (snapshots; see {@link Cycles#all()}). */
    public List<CycleInfo> cycles() {
        guard.check("cycles");
        return cycles.all();
    }

    /** The verdict queue: the cycles waiting for the architect, oldest first, with what each would replace. */
    public List<CycleInfo> awaitingApproval() {
        guard.check("verdict queue");
        return cycles.awaitingApproval();
    }

    /** One cycle in full; NOT_FOUND when this process knows no such cycle. */
    public CycleInfo cycle(String id) {
        guard.check("cycle " + id);
        return cycles.get(id);
    }

    /** Approves a parked cycle and answers how it ended (see {@link Cycles#approve}). */
    public CycleOutcome approve(String id) {
        guard.check("approve " + id);
        return cycles.approve(id);
    }

    /** Rejects a parked cycle with a note; it writes nothing (see {@link Cycles#reject}). */
    public CycleOutcome reject(String id, String note) {
        guard.check("reject " + id);
        return cycles.reject(id, note);
    }

    /**
     * A cycle's {@code CognitiveCycle} object for the inspector: as the image holds it once the cycle
     * committed it, else as the cycle's own transaction holds it (its identifying slots, see
     * {@link Cycles}); NOT_FOUND for an unknown cycle.
     */
    public ObjectDescription describeCycle(String id) {
        CycleInfo info = cycle(id);
        return read("describe cycle " + id, tx -> info.objectOid() > 0 && tx.exists(info.objectOid())
                ? describe(vessel.space().object(tx, info.objectOid())) : cycles.uncommitted(info, tx));
    }

    // ---- the cognitive core --------------------------------------------------------------------

    /** The cognitive core's status, without loading it (see {@link ModelStatus}). */
    public ModelStatus modelStatus() {
        guard.check("model status");
        return vessel.cognitiveCore().status();
    }

    /**
     * Loads the cognitive core if it is not loaded yet and answers its status.
     *
     * @throws ModelException with a one-line reason when there is no core or it cannot load
     */
    public ModelStatus loadModel() {
        guard.check("load the model");
        await(vessel.cognitiveCore().model());
        return vessel.cognitiveCore().status();
    }

    /**
     * Imports an exported model directory as the image's cognitive core ({@code batos model import}),
     * telling {@code progress} about each file; cancellable before each file (nothing recorded).
     */
    public ModelCore importModel(Path dir, String name, ModelImporter.Progress progress) {
        guard.check("model import " + dir);
        return recordingModel((importer, stoppable) -> importer.importDirectory(dir, name, stoppable), progress);
    }

    /** Records an OpenAI-compatible server as the image's cognitive core ({@code batos model connect}). */
    public ModelCore connectModel(String url, String model) {
        guard.check("model connect " + url);
        return recordingModel((importer, stoppable) -> importer.connect(url, model), ModelImporter.Progress.NONE);
    }

    /** Gives the image the demo core ({@code batos model demo}); cancellable before each file. */
    public ModelCore demoModel(ModelImporter.Progress progress) {
        guard.check("model demo");
        return recordingModel((importer, stoppable) -> importer.importDemo(stoppable), progress);
    }

    /** Runs an import or connect with a cancellable progress (the vessel announces its commit). */
    private ModelCore recordingModel(BiFunction<ModelImporter, ModelImporter.Progress, ModelCore> work,
                                     ModelImporter.Progress progress) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread self = Thread.currentThread();
        cancellers.put(self, () -> cancelled.set(true));
        try {
            ModelImporter importer = new ModelImporter(vessel);
            ModelCore core = work.apply(importer, stoppable(progress, cancelled));
            return core;
        } finally {
            cancellers.remove(self);
        }
    }

    /**
     * Wraps a progress so that a cancelled import stops before its next file. The importer tells
     * progress about each file before storing it, so this is where a cancel takes effect.
     */
    private ModelImporter.Progress stoppable(ModelImporter.Progress progress, AtomicBoolean cancelled) {
        return (file, bytes, index, count) -> {
            if (cancelled.get()) {
                throw new CancellationException("cancelled");
            }
            progress.storing(file, bytes, index, count);
        };
    }

    /**
     * Answers one prompt with the cognitive core (greedy, at most {@code maxTokens} tokens), loading
     * it first if need be; what a status panel's "try it" runs. Writes nothing; the answer's figures
     * become the core's last ones. Cancellable with {@link #cancel(Thread)}.
     *
     * @throws ModelException with a one-line reason when there is no core or it cannot answer
     */
    public Completion generate(String prompt, int maxTokens) {
        guard.check("generate");
        LanguageModel model = await(vessel.cognitiveCore().model());
        CompletableFuture<Completion> answer = model.generate(ChatRequest.of(null, prompt),
                GenerationParams.GREEDY.withMaxTokens(maxTokens), null);
        Thread self = Thread.currentThread();
        cancellers.put(self, () -> answer.cancel(true));
        try {
            return await(answer);
        } finally {
            cancellers.remove(self);
        }
    }

    /** Waits for a model future, turning its failure back into the exception that explains it. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted");
        } catch (CancellationException e) {
            throw new CancellationException("cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new ModelException(String.valueOf(cause), cause);
        }
    }

    private void publish(String topic, String type, Map<String, Object> fields) {
        vessel.events().publish(Event.of(topic, type, fields));
    }
}
