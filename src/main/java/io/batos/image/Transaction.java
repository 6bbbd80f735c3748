package io.batos.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit of work on the image with snapshot isolation: it reads the last commit before it began
 * and its own writes, and its changes become visible to others all at once, or not at all.
 *
 * <p>Writes go to a private write set. Lists, maps and byte arrays are handed out as deep private
 * copies (the same copy for every read of a slot in this transaction), so nothing leaks between
 * transactions. {@link #set} and {@link #remove} are recorded by themselves; an in-place change to
 * a container must be declared with {@link #markChanged}, and {@link #commit} refuses one that
 * was not ({@link CovenantViolationException}). Conflicts are detected per slot at commit, first
 * committer wins ({@link ConflictException}); write skew is possible, as in ZODB.
 *
 * <p>A transaction is confined to one thread at a time. It may stay open for minutes while others
 * commit. Afterwards — after {@link #commit}, {@link #abort} or {@link #close} — it is closed and
 * every further call fails.
 */
public final class Transaction implements AutoCloseable {
    /** Marks a removed slot in a write set. */
    static final Object REMOVED = new Object() {
        @Override
        public String toString() {
            return "<removed>";
        }
    };

    private final LivingImage image;
    private final long snapshot;
    private final long shapeEpoch;
    private final String note;
    private final String origin;
    private Map<Long, Working> touched = new HashMap<>();
    /** Containers read from a holder through another receiver: via oid → (holder oid, slot). */
    private Map<Long, Set<HolderSlot>> readThrough = new HashMap<>();
    private int shapeVersion;
    private Map<Object, Object> locals;
    private boolean open = true;
    /** Set while the image's commit checks read this transaction: its write set is final then. */
    private boolean checking;
    private String doomReason;

    Transaction(LivingImage image, long snapshot, long shapeEpoch, String note, String origin) {
        this.image = image;
        this.snapshot = snapshot;
        this.shapeEpoch = shapeEpoch;
        this.note = note;
        this.origin = origin;
    }

    /** The id of the last commit this transaction sees. */
    public long snapshot() {
        return snapshot;
    }

    /**
     * The id of the last commit before {@link #snapshot()} that added or removed a slot or changed
     * parents anywhere: lookups computed under the same epoch give the same answer.
     */
    public long shapeEpoch() {
        return shapeEpoch;
    }

    /** Counts this transaction's own slot additions, removals and parent changes (0: none). */
    public int shapeVersion() {
        return shapeVersion;
    }

    public String note() {
        return note;
    }

    public String origin() {
        return origin;
    }

    public LivingImage image() {
        return image;
    }

    public boolean isOpen() {
        return open;
    }

    /** Answers whether the object exists as this transaction sees it. */
    public boolean exists(long oid) {
        checkOpen();
        return touched.containsKey(oid) || image.readAt(oid, snapshot) != null;
    }

    /** Creates a new, empty object and answers its oid. */
    public long create() {
        checkOpen();
        checkWritable();
        long oid = image.allocateOid();
        Working working = new Working(oid, null);
        touched.put(oid, working);
        return oid;
    }

    /** Answers whether the object has the slot itself (not through parents). */
    public boolean has(long oid, String slot) {
        return working(oid).slots.containsKey(slot);
    }

    /** The object's own slot names, in the order they were added. */
    public List<String> slotNames(long oid) {
        return List.copyOf(working(oid).slots.keySet());
    }

    /**
     * The value of an own slot, or null when absent. A container is this transaction's private
     * copy: change it in place, then {@link #markChanged} the object.
     */
    public Object get(long oid, String slot) {
        return read(oid, slot, oid);
    }

    /**
     * Reads a slot of {@code holder} found while looking up a message sent to {@code via}, so that
     * {@code markChanged(via)} later covers the container it hands out.
     */
    public Object read(long holder, String slot, long via) {
        Working working = working(holder);
        Object value = working.slots.get(slot);
        if (!Values.isContainer(value)) {
            return value;
        }
        if (!working.copied.contains(slot) && !working.written.contains(slot)) {
            Object copy = Values.deepCopy(value);
            working.slots.put(slot, copy);
            working.copied(slot, value);
            value = copy;
        }
        if (via != holder) {
            readThrough.computeIfAbsent(via, k -> new HashSet<>()).add(new HolderSlot(holder, slot));
        }
        return value;
    }

    /**
     * The value of an own slot without copying it, for the object layer's lookup. The caller must
     * never change what it gets.
     */
    public Object peek(long oid, String slot) {
        return working(oid).slots.get(slot);
    }

    /**
     * Sets a slot; the value is normalized and privately copied first.
     *
     * @throws NotPersistableException when the value cannot persist (nothing is written)
     */
    public void set(long oid, String slot, Object value) {
        checkSlotName(slot);
        checkWritable();
        Object normalized = Values.normalize(slot, value);
        Working working = working(oid);
        if (!working.slots.containsKey(slot) || slot.equals(LivingImage.PARENTS_SLOT)) {
            shapeVersion++;
        }
        working.slots.put(slot, normalized);
        working.written(slot);
    }

    /** Removes an own slot; answers whether it was there. */
    public boolean remove(long oid, String slot) {
        checkWritable();
        Working working = working(oid);
        if (!working.slots.containsKey(slot)) {
            return false;
        }
        working.slots.remove(slot);
        working.written(slot);
        shapeVersion++;
        return true;
    }

    /**
     * Declares that containers read from this object — its own, or found in a parent while a
     * message was sent to it — were changed in place and must be written at commit.
     */
    public void markChanged(long oid) {
        checkWritable();
        Working working = working(oid);
        working.markCopied();
        Set<HolderSlot> through = readThrough.get(oid);
        if (through != null) {
            for (HolderSlot holderSlot : through) {
                working(holderSlot.holder).mark(holderSlot.slot);
            }
        }
    }

    /**
     * Adopts the latest committed value of a slot this transaction has not written — the one door
     * through which a newer commit enters an older snapshot (a method installed by a cycle while
     * this transaction waited for it).
     *
     * @return false when this transaction wrote the slot (nothing changes)
     */
    public boolean refresh(long oid, String slot) {
        Working working = working(oid);
        if (working.written.contains(slot)) {
            return false;
        }
        CommittedState latest = image.readAt(oid, Long.MAX_VALUE);
        Object value = latest == null ? null : latest.slots().get(slot);
        boolean present = latest != null && latest.slots().containsKey(slot);
        if (present != working.slots.containsKey(slot)) {
            shapeVersion++;
        }
        working.forgetCopy(slot);
        if (present) {
            working.slots.put(slot, value);
        } else {
            working.slots.remove(slot);
        }
        return true;
    }

    /** Replaces an object's whole state (used by undo); every differing slot counts as written. */
    void replaceState(long oid, Map<String, Object> slots) {
        Working working = working(oid);
        for (String name : new ArrayList<>(working.slots.keySet())) {
            if (!slots.containsKey(name)) {
                remove(oid, name);
            }
        }
        for (Map.Entry<String, Object> entry : slots.entrySet()) {
            if (!working.slots.containsKey(entry.getKey())
                    || !Values.deepEquals(working.slots.get(entry.getKey()), entry.getValue())) {
                set(oid, entry.getKey(), entry.getValue());
            }
        }
    }

    /** Marks the transaction so that {@link #commit} fails; the reason is kept for the message. */
    public void doom(String reason) {
        checkOpen();
        doomReason = reason == null ? "doomed" : reason;
    }

    public boolean isDoomed() {
        return doomReason != null;
    }

    /** Remembers the write set so {@link #rollbackTo} can return to it. */
    public Savepoint savepoint() {
        checkOpen();
        Map<Long, Working> copy = new HashMap<>();
        for (Map.Entry<Long, Working> entry : touched.entrySet()) {
            copy.put(entry.getKey(), entry.getValue().copy());
        }
        Map<Long, Set<HolderSlot>> through = new HashMap<>();
        readThrough.forEach((k, v) -> through.put(k, new HashSet<>(v)));
        return new Savepoint(this, copy, through);
    }

    /**
     * Returns the write set to what it was at {@code savepoint}. Containers handed out after the
     * savepoint are detached: read the slot again to get the restored value.
     */
    public void rollbackTo(Savepoint savepoint) {
        checkOpen();
        if (savepoint.owner() != this) {
            throw new IllegalArgumentException("savepoint belongs to another transaction");
        }
        Map<Long, Working> restored = new HashMap<>();
        for (Map.Entry<Long, Working> entry : savepoint.touched().entrySet()) {
            restored.put(entry.getKey(), entry.getValue().copy());
        }
        touched = restored;
        Map<Long, Set<HolderSlot>> through = new HashMap<>();
        savepoint.readThrough().forEach((k, v) -> through.put(k, new HashSet<>(v)));
        readThrough = through;
        shapeVersion++;
    }

    /**
     * Commits: checks the Persistence Covenant, then the image's commit checks
     * ({@link CommitCheck}: the Data Covenant among them), then appends one durable log record;
     * afterwards this transaction is closed.
     *
     * @return the new transaction id, or 0 when there was nothing to write
     * @throws ConflictException           a concurrent commit changed a slot this one changed
     * @throws CovenantViolationException  a container changed in place without markChanged()
     * @throws ImageException              doomed, closed, refused by a commit check, or the log could
     *                                     not be written
     */
    public long commit() {
        checkOpen();
        try {
            if (doomReason != null) {
                throw new ImageException(ImageException.Code.ERROR, "transaction doomed: " + doomReason);
            }
            List<LivingImage.Change> changes = collectChanges();
            if (changes.isEmpty()) {
                return 0;
            }
            checking = true;
            try {
                image.checkCommit(this, changes);
            } finally {
                checking = false;
            }
            return image.commit(this, changes);
        } finally {
            finish();
        }
    }

    private List<LivingImage.Change> collectChanges() {
        List<LivingImage.Change> changes = new ArrayList<>();
        for (Working working : touched.values()) {
            List<String> changedInPlace = new ArrayList<>();
            for (String slot : working.copied) {
                if (!working.written.contains(slot)
                        && !Values.deepEquals(working.slots.get(slot), working.pristine.get(slot))) {
                    if (!working.marked.contains(slot)) {
                        throw new CovenantViolationException(working.oid, slot);
                    }
                    changedInPlace.add(slot);
                }
            }
            changedInPlace.forEach(working::written);
            if (working.written.isEmpty() && working.base != null) {
                continue;
            }
            Map<String, Object> writes = new LinkedHashMap<>();
            for (String slot : working.written) {
                writes.put(slot, working.slots.containsKey(slot)
                        ? Values.deepCopy(working.slots.get(slot)) : REMOVED);
            }
            changes.add(new LivingImage.Change(working.oid, working.base, writes));
        }
        changes.sort((a, b) -> Long.compare(a.oid(), b.oid()));
        return changes;
    }

    /** Abandons every change; afterwards this transaction is closed. Safe to call twice. */
    public void abort() {
        if (open) {
            finish();
        }
    }

    /** Aborts when still open (so try-with-resources never commits by accident). */
    @Override
    public void close() {
        abort();
    }

    private void finish() {
        open = false;
        touched = Collections.emptyMap();
        readThrough = Collections.emptyMap();
        locals = null;
        image.ended(this);
    }

    private void checkOpen() {
        if (!open) {
            throw new ImageException(ImageException.Code.ERROR, "transaction '" + note + "' is closed");
        }
    }

    /** Refuses writes while commit checks read the final write set: they would be silently lost. */
    private void checkWritable() {
        if (checking) {
            throw new ImageException(ImageException.Code.ERROR, "transaction '" + note
                    + "' is being checked for commit: a commit check may read it but not write");
        }
    }

    private static void checkSlotName(String slot) {
        if (slot == null || slot.isEmpty()) {
            throw new ImageException(ImageException.Code.USAGE, "a slot needs a name");
        }
        if (Values.isVolatile(slot)) {
            throw new ImageException(ImageException.Code.USAGE,
                    "slot '" + slot + "' is volatile (_v_): it lives in the process, not in the image");
        }
    }

    private Working working(long oid) {
        checkOpen();
        Working working = touched.get(oid);
        if (working == null) {
            CommittedState state = image.readAt(oid, snapshot);
            if (state == null) {
                throw new ImageException(ImageException.Code.NOT_FOUND, "no object @" + oid);
            }
            working = new Working(oid, state);
            touched.put(oid, working);
        }
        return working;
    }

    /**
     * Per-transaction data of the layers above (the object layer keeps its private lookup cache
     * here), created on first use and dropped when the transaction ends.
     */
    @SuppressWarnings("unchecked")
    public <T> T local(Object key, java.util.function.Supplier<T> create) {
        if (locals == null) {
            locals = new HashMap<>(4);
        }
        return (T) locals.computeIfAbsent(key, k -> create.get());
    }

    /** The oids this transaction has read or written so far. */
    public Set<Long> touchedOids() {
        return Collections.unmodifiableSet(touched.keySet());
    }

    record HolderSlot(long holder, String slot) {
    }

    /**
     * This transaction's view of one object. The bookkeeping sets start empty and shared, and
     * are made on first use: most objects a transaction touches are only read.
     */
    static final class Working {
        final long oid;
        final CommittedState base;
        final LinkedHashMap<String, Object> slots;
        Set<String> written = Set.of();
        Set<String> copied = Set.of();
        Set<String> marked = Set.of();
        Map<String, Object> pristine = Map.of();

        Working(long oid, CommittedState base) {
            this.oid = oid;
            this.base = base;
            this.slots = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base.slots());
        }

        private Working(Working other) {
            this.oid = other.oid;
            this.base = other.base;
            this.slots = new LinkedHashMap<>();
            other.slots.forEach((k, v) -> slots.put(k, other.copied.contains(k) || other.written.contains(k)
                    ? Values.deepCopy(v) : v));
            this.written = other.written.isEmpty() ? Set.of() : new LinkedHashSet<>(other.written);
            this.copied = other.copied.isEmpty() ? Set.of() : new HashSet<>(other.copied);
            this.marked = other.marked.isEmpty() ? Set.of() : new HashSet<>(other.marked);
            this.pristine = other.pristine.isEmpty() ? Map.of() : new HashMap<>(other.pristine);
        }

        Working copy() {
            return new Working(this);
        }

        /** Records a write (set or remove); a written slot is no longer a handed-out copy. */
        void written(String slot) {
            if (written.isEmpty()) {
                written = new LinkedHashSet<>();
            }
            written.add(slot);
            forgetCopy(slot);
        }

        /** Records that a private copy of a container was handed out, and its committed value. */
        void copied(String slot, Object committed) {
            if (copied.isEmpty()) {
                copied = new HashSet<>(4);
                pristine = new HashMap<>(4);
            }
            copied.add(slot);
            pristine.put(slot, committed);
        }

        void forgetCopy(String slot) {
            if (!copied.isEmpty()) {
                copied.remove(slot);
                pristine.remove(slot);
            }
        }

        void mark(String slot) {
            if (marked.isEmpty()) {
                marked = new HashSet<>(4);
            }
            marked.add(slot);
        }

        void markCopied() {
            for (String slot : copied) {
                mark(slot);
            }
        }
    }
}
