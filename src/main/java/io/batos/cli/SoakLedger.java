package io.batos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.ObjectRef;
import io.batos.image.TxInfo;
import io.batos.kernel.ValueJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The soak's book of promises: every transaction the server acknowledged, with what it wrote, and
 * every write it left unanswered or refused — checked against the image between server lives and
 * at the end.
 *
 * <p>Why it checks the state <em>as of</em> each transaction rather than only the end: clients
 * overwrite each other's slots, so the end state says little about an early write; but the image
 * keeps every object's revisions, and an acknowledged {@code set} must be visible in the revision
 * its own transaction wrote, whatever came later. Once {@code pack} folds history up to a bound,
 * those revisions are gone, so every acknowledgement is checked before any pack can fold it
 * ({@link #checkPending} first, {@link #folded} after), and the end state is checked slot by slot
 * against the last acknowledged write.
 *
 * <p>Contract: a check failure is a <em>loss</em> (the image lacks what a client was told is
 * durable) or a <em>phantom</em> (the image holds a value whose write the server refused); both
 * are counted and the first {@value #KEPT_MESSAGES} described. Values are unique per attempt, so a
 * value identifies the write that made it. Thread-safe: the clients record while the driver
 * checks.
 */
final class SoakLedger {
    /** How many failure descriptions are kept; the counts go on. */
    static final int KEPT_MESSAGES = 20;

    /** A slot of an object. */
    record SlotKey(long oid, String slot) {
        @Override
        public String toString() {
            return "@" + oid + "." + slot;
        }
    }

    /** What one acknowledged transaction promised. */
    sealed interface Ack permits Write, Created, Installed, Committed {
        long txId();
    }

    /**
     * Transaction {@code txId} left {@code slot} of {@code oid} holding {@code value} (canonical
     * JSON; null: the slot absent).
     *
     * @param source what wrote it: {@code set}, {@code eval}, {@code send} or {@code undo}
     */
    record Write(long oid, String slot, JsonNode value, long txId, String source) implements Ack {
        SlotKey key() {
            return new SlotKey(oid, slot);
        }
    }

    /** Transaction {@code txId} created {@code oid} and stored it in {@code holderSlot} of {@code holder}. */
    record Created(long oid, long holder, String holderSlot, long txId) implements Ack {
    }

    /** Transaction {@code txId} (a cognitive cycle's commit) installed the method {@code selector} on {@code oid}. */
    record Installed(long oid, String selector, long txId) implements Ack {
    }

    /** Transaction {@code txId} changed {@code oid}, for a reply that says no more than that. */
    record Committed(long oid, long txId, String what) implements Ack {
    }

    private record Taught(long oid, String selector) {
    }

    private final List<Ack> pending = new ArrayList<>();
    /** Checked acknowledgements whose revisions pack has not folded yet: checked again at the end. */
    private final List<Ack> unfolded = new ArrayList<>();
    private final Map<SlotKey, Write> last = new HashMap<>();
    private final Map<SlotKey, Set<JsonNode>> unanswered = new HashMap<>();
    private final Map<SlotKey, Set<JsonNode>> refused = new HashMap<>();
    private final Set<Taught> taught = new LinkedHashSet<>();
    private final Set<Long> created = new LinkedHashSet<>();
    private final Set<Long> acknowledgedTx = new HashSet<>();
    private final List<String> messages = new ArrayList<>();
    private long foldedUpTo;
    private long checks;
    private long lost;
    private long phantoms;

    /** The canonical JSON of a value as a client sent it: what the image's value prints as. */
    static JsonNode canonical(JsonNode sent) {
        return ValueJson.toJson(ValueJson.fromJson(sent));
    }

    /** Records an acknowledged transaction's promise. */
    synchronized void acknowledged(Ack ack) {
        if (ack.txId() <= 0) {
            throw new IllegalArgumentException("an acknowledgement needs a transaction id: " + ack);
        }
        pending.add(ack);
        if (!(ack instanceof Write w && w.source().equals("undo"))) {
            // An undo is the driver's own transaction, checked like the rest but acknowledged by no server.
            acknowledgedTx.add(ack.txId());
        }
        if (ack instanceof Write w) {
            last.merge(w.key(), w, (a, b) -> a.txId() >= b.txId() ? a : b);
        } else if (ack instanceof Created c) {
            created.add(c.oid());
        } else if (ack instanceof Installed i) {
            taught.add(new Taught(i.oid(), i.selector()));
        }
    }

    /** A write that got no reply: it may or may not have committed, and either is right. */
    synchronized void unanswered(SlotKey key, JsonNode value) {
        unanswered.computeIfAbsent(key, k -> new HashSet<>()).add(value);
    }

    /** A write the server answered with an error: it must not have committed. */
    synchronized void refused(SlotKey key, JsonNode value) {
        refused.computeIfAbsent(key, k -> new HashSet<>()).add(value);
    }

    /** An answered send proved {@code oid} understands {@code selector} (its install may be unknown). */
    synchronized void taught(long oid, String selector) {
        taught.add(new Taught(oid, selector));
    }

    /** Distinct transactions the server acknowledged so far. */
    synchronized long acknowledgedTransactions() {
        return acknowledgedTx.size();
    }

    /**
     * The acknowledged {@code set} or {@code eval} with the highest id on {@code oid} that pack has
     * not folded, or null: what an undo between lives can take back.
     */
    synchronized Write lastClientWrite(long oid) {
        Write best = null;
        for (Write w : last.values()) {
            if (w.oid() == oid && w.txId() > foldedUpTo && (w.source().equals("set") || w.source().equals("eval"))
                    && (best == null || w.txId() > best.txId())) {
                best = w;
            }
        }
        return best;
    }

    /**
     * Checks every acknowledgement recorded since the last call against the image.
     *
     * @return how many failed
     */
    synchronized long checkPending(LivingImage image) {
        long before = lost + phantoms;
        for (Ack ack : pending) {
            check(image, ack);
            if (ack.txId() > foldedUpTo) {
                unfolded.add(ack);
            }
        }
        pending.clear();
        return lost + phantoms - before;
    }

    /**
     * Pack folded history up to {@code bound}: the revisions of those transactions are gone, so
     * their acknowledgements (all checked already, {@link #checkPending} runs first) leave the
     * final re-check, which then rests on the end state.
     */
    synchronized void folded(long bound) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " acknowledgements were not checked before a pack");
        }
        foldedUpTo = Math.max(foldedUpTo, bound);
        unfolded.removeIf(a -> a.txId() <= foldedUpTo);
    }

    /**
     * The end: checks what is pending, re-checks every acknowledgement pack has not folded (a later
     * crash or recovery could have lost it since), then the end state: each slot holds its last
     * acknowledged write or a later unanswered one, every created object exists, every taught
     * selector is a method.
     *
     * @return how many failed, in all
     */
    synchronized long checkEnd(LivingImage image) {
        checkPending(image);
        for (Ack ack : unfolded) {
            check(image, ack);
        }
        long now = image.lastTx();
        for (Write w : last.values()) {
            Map<String, Object> state = image.stateAt(w.oid(), now);
            JsonNode actual = state == null ? null : valueOf(state, w.slot());
            checks++;
            if (Objects.equals(actual, w.value())
                    || actual != null && unanswered.getOrDefault(w.key(), Set.of()).contains(actual)) {
                continue;
            }
            if (actual != null && refused.getOrDefault(w.key(), Set.of()).contains(actual)) {
                phantom(w.key() + " ends holding " + actual + ", written by a request the server refused");
            } else {
                lost(w.key() + " ends holding " + actual + " but its last acknowledged write was " + w.value()
                        + " (" + w.source() + ", tx " + w.txId() + ")");
            }
        }
        for (long oid : created) {
            checks++;
            if (image.stateAt(oid, now) == null) {
                lost("@" + oid + ", created by an acknowledged eval, is gone at the end");
            }
        }
        for (Taught t : taught) {
            checks++;
            Map<String, Object> state = image.stateAt(t.oid(), now);
            if (state == null || !(state.get(t.selector()) instanceof MethodSource)) {
                lost("@" + t.oid() + " answered " + t.selector() + " but ends without that method");
            }
        }
        return lost + phantoms;
    }

    /**
     * The current value of every slot an acknowledged write touched, to compare before and after a
     * pack, which must change no current state at all.
     */
    synchronized Map<SlotKey, JsonNode> currentValues(LivingImage image) {
        Map<SlotKey, JsonNode> values = new LinkedHashMap<>();
        long now = image.lastTx();
        for (SlotKey key : last.keySet()) {
            Map<String, Object> state = image.stateAt(key.oid(), now);
            values.put(key, state == null ? null : valueOf(state, key.slot()));
        }
        return values;
    }

    /** Compares the slots before and after a pack; each difference is a loss. */
    synchronized void comparePack(Map<SlotKey, JsonNode> before, Map<SlotKey, JsonNode> after, long bound) {
        before.forEach((key, value) -> {
            checks++;
            if (!Objects.equals(value, after.get(key))) {
                lost("pack up to tx " + bound + " changed " + key + " from " + value + " to " + after.get(key));
            }
        });
    }

    synchronized long checks() {
        return checks;
    }

    synchronized long lost() {
        return lost;
    }

    synchronized long phantoms() {
        return phantoms;
    }

    synchronized long foldedUpTo() {
        return foldedUpTo;
    }

    /** The first {@value #KEPT_MESSAGES} failures, described. */
    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    private void check(LivingImage image, Ack ack) {
        checks++;
        TxInfo info;
        try {
            info = image.transaction(ack.txId());
        } catch (ImageException e) {
            lost("tx " + ack.txId() + " (" + describe(ack) + ") was acknowledged but " + e.getMessage());
            return;
        }
        long oid = oidOf(ack);
        if (!info.oids().contains(oid)) {
            lost("tx " + ack.txId() + " (" + describe(ack) + ") did not write @" + oid + "; it wrote " + info.oids());
            return;
        }
        Map<String, Object> state = image.stateAt(oid, ack.txId());
        if (state == null) {
            lost("@" + oid + " does not exist as of tx " + ack.txId() + " (" + describe(ack) + ")");
            return;
        }
        if (ack instanceof Write w) {
            JsonNode actual = valueOf(state, w.slot());
            if (!Objects.equals(actual, w.value())) {
                lost(w.key() + " holds " + actual + " as of tx " + w.txId() + ", but the " + w.source()
                        + " acknowledged " + w.value());
            }
        } else if (ack instanceof Created c) {
            Map<String, Object> holder = image.stateAt(c.holder(), c.txId());
            Object ref = holder == null ? null : holder.get(c.holderSlot());
            if (!(ref instanceof ObjectRef r) || r.oid() != c.oid()) {
                lost("@" + c.holder() + "." + c.holderSlot() + " holds " + ref + " as of tx " + c.txId()
                        + ", not the object @" + c.oid() + " it was acknowledged to hold");
            }
        } else if (ack instanceof Installed i && !(state.get(i.selector()) instanceof MethodSource)) {
            lost("@" + i.oid() + "." + i.selector() + " is no method as of tx " + i.txId() + ", the cycle's commit");
        }
        // A Committed promised only that the transaction exists and wrote the object: checked above.
    }

    private static long oidOf(Ack ack) {
        if (ack instanceof Write w) {
            return w.oid();
        } else if (ack instanceof Created c) {
            return c.oid();
        } else if (ack instanceof Installed i) {
            return i.oid();
        }
        return ((Committed) ack).oid();
    }

    private static JsonNode valueOf(Map<String, Object> state, String slot) {
        return state.containsKey(slot) ? ValueJson.toJson(state.get(slot)) : null;
    }

    private static String describe(Ack ack) {
        if (ack instanceof Write w) {
            return w.source() + " " + w.key() + " = " + w.value();
        } else if (ack instanceof Created c) {
            return "create @" + c.oid() + " in @" + c.holder() + "." + c.holderSlot();
        } else if (ack instanceof Installed i) {
            return "install " + i.selector() + " on @" + i.oid();
        }
        return ((Committed) ack).what();
    }

    private void lost(String message) {
        lost++;
        keep("lost: " + message);
    }

    private void phantom(String message) {
        phantoms++;
        keep("phantom: " + message);
    }

    private void keep(String message) {
        if (messages.size() < KEPT_MESSAGES) {
            messages.add(message);
        }
    }
}
