package io.batos.kernel;

import io.batos.code.Verdict;
import io.batos.events.Event;
import io.batos.image.ImageException;
import io.batos.image.ImageInfo;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.ObjectRef;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.image.TxInfo;
import io.batos.object.UvmObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one facade every client of a running image uses — the workbench, and later the server — so
 * that nothing the UI can do is out of a client's reach, and the other way round.
 *
 * <p>Every call is blocking and runs in its own transaction; a caller with a UI runs it on an
 * executor (the {@link ThreadGuard} refuses the UI thread). Objects are named by oid or by the
 * TARGET syntax of {@link Targets}; values cross as Java values or JSON text (DESIGN.md §12).
 *
 * <p>Every commit made through the facade is announced on the vessel's event bus as a
 * {@value #TX_TOPIC} event, and every install's verdict as a {@value #VERDICT_TOPIC} event, so the
 * workbench's views and the server's subscribers learn of changes however they were made. (The
 * image has no commit listener of its own; a cognitive cycle's commit is announced by its
 * {@code CYCLE_COMPLETE} event on topic {@code psm}, which carries the transaction id.)
 */
public final class Kernel {
    /** The topic of the event announcing a commit made through this facade. */
    public static final String TX_TOPIC = "tx";
    /** The topic of the event announcing a verdict on a method installed through this facade. */
    public static final String VERDICT_TOPIC = "verdict";

    /** The origin recorded for transactions a client starts through this facade. */
    private final String origin;
    private final Vessel vessel;
    private final ThreadGuard guard = new ThreadGuard();

    public Kernel(Vessel vessel, String origin) {
        this.vessel = vessel;
        this.origin = origin;
    }

    public Vessel vessel() {
        return vessel;
    }

    /** Cancels the send or evaluation now running on {@code thread}, if any (safe from any thread). */
    public void cancel(Thread thread) {
        vessel.methods().cancel(thread);
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
        guard.check(what);
        return vessel.image().inTransaction(what, origin, 1, work);
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

    /** Sets a slot to a value, in one transaction; answers the transaction id. */
    public long set(long oid, String slot, Object value) {
        return write("set @" + oid + "." + slot, tx -> {
            vessel.space().object(tx, oid).set(slot, value);
            return announce(tx.commit());
        });
    }

    /** Removes an own slot, in one transaction; NOT_FOUND when it has none. */
    public long remove(long oid, String slot) {
        return write("remove @" + oid + "." + slot, tx -> {
            if (!vessel.space().object(tx, oid).remove(slot)) {
                throw new ImageException(ImageException.Code.NOT_FOUND, "@" + oid + " has no own slot '" + slot + "'");
            }
            return announce(tx.commit());
        });
    }

    /** An Io-style clone of {@code oid} stored in its slot {@code name}; answers the new oid. */
    public long cloneInto(long oid, String name) {
        return write("clone @" + oid + " as " + name, tx -> {
            UvmObject parent = vessel.space().object(tx, oid);
            UvmObject child = parent.clone();
            parent.set(name, child);
            announce(tx.commit());
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
            long txId = announce(tx.commit());
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
            long txId = announce(tx.commit());
            return new Evaluation(json, ref >= 0 ? "@" + ref : String.valueOf(answer), ref, txId);
        });
    }

    /**
     * Searches Fractal Memory (Lucene query syntax over the catalog of past cycles); a malformed
     * query is a {@code usage} error. Reads only: the derived index in {@code vessel/} may catch up.
     */
    public List<io.batos.memory.Hit> searchMemory(String query, int limit) {
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
    public io.batos.memory.CycleDocument memoryDocument(String cycleId) {
        guard.check("memory document " + cycleId);
        io.batos.memory.FractalMemory memory = vessel.memory();
        io.batos.memory.CycleDocument found;
        try (Transaction tx = vessel.image().begin("read cycle " + cycleId, origin)) {
            found = io.batos.memory.KnowledgeCatalog.in(tx).flatMap(catalog -> catalog.document(cycleId)).orElse(null);
        }
        if (found == null) {
            found = memory.cycles().stream().filter(d -> d.cycleId().equals(cycleId)).findFirst()
                    .orElseThrow(() -> new ImageException(ImageException.Code.NOT_FOUND,
                            "no cycle " + cycleId + " in Fractal Memory"));
        }
        Map<String, Object> slots = found.toSlots();
        List<Object> exchanges = new ArrayList<>();
        for (Map<String, Object> exchange : found.exchanges()) {
            Map<String, Object> readable = new LinkedHashMap<>(exchange);
            readable.computeIfPresent("prompt", (k, text) -> memory.text(text));
            readable.computeIfPresent("response", (k, text) -> memory.text(text));
            exchanges.add(readable);
        }
        slots.put("exchanges", exchanges);
        return io.batos.memory.CycleDocument.fromSlots(slots);
    }

    /** ALFRED's meta-analysis of every cycle remembered (catalog and unread log); commits nothing. */
    public io.batos.memory.flywheel.MetacognitionReport report() {
        guard.check("metacognition report");
        return vessel.flywheel().report();
    }

    /** The curated datasets, oldest first. */
    public List<io.batos.memory.flywheel.Dataset> datasets() {
        guard.check("datasets");
        return vessel.flywheel().datasets();
    }

    /** One curated dataset; NOT_FOUND naming the ids there are. */
    public io.batos.memory.flywheel.Dataset dataset(String id) {
        guard.check("dataset " + id);
        return vessel.flywheel().dataset(id);
    }

    /**
     * Records a review of one example of a dataset (see {@link Flywheel#review}); the commit is
     * announced like every other.
     */
    public long reviewDataset(String id, int example, io.batos.memory.flywheel.ReviewStatus status, String edit) {
        guard.check("review dataset " + id);
        return announce(vessel.flywheel().review(id, example, status, edit, origin));
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
        announce(result.txId());
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
        return announce(vessel.image().undo(txId));
    }

    /**
     * Announces a commit on topic {@value #TX_TOPIC}: {@code txId}, {@code time}, {@code note},
     * {@code origin} and {@code oids} as the log recorded them. Answers {@code txId} unchanged;
     * 0 (nothing was written) announces nothing, and an announcement never fails the commit.
     */
    private long announce(long txId) {
        if (txId <= 0) {
            return txId;
        }
        try {
            TxInfo info = vessel.image().transaction(txId);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("txId", info.txId());
            fields.put("time", info.time().toString());
            fields.put("note", info.note());
            fields.put("origin", info.origin());
            fields.put("oids", info.oids());
            publish(TX_TOPIC, "COMMIT", fields);
        } catch (RuntimeException e) {
            // The commit stands whatever happens to its announcement.
        }
        return txId;
    }

    private void publish(String topic, String type, Map<String, Object> fields) {
        vessel.events().publish(Event.of(topic, type, fields));
    }
}
