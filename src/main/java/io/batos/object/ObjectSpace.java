package io.batos.object;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The prototype-object world of one open image: lookup, its cache, volatile slots, and the two
 * plug points the kernel wires (how methods run, and who answers what nobody understands).
 *
 * <p>Objects are reached through {@link UvmObject} handles bound to a transaction. Lookup is own
 * slots first, then each parent depth-first in order, each object visited once (so parent cycles
 * are harmless); the receiver stays {@code self}.
 */
public final class ObjectSpace {
    /** The root's slot that holds the lobby. */
    public static final String LOBBY_SLOT = "lobby";
    /** The selector sent when lookup finds nothing. */
    public static final String DOES_NOT_UNDERSTAND = "doesNotUnderstand";
    static final long NOT_FOUND = -1L;
    private static final Object LOCAL_CACHE = new Object();

    private final LivingImage image;
    private final LookupCache cache = new LookupCache();
    private final VolatileSlots volatiles = new VolatileSlots();
    private volatile MethodInvoker invoker = MethodInvoker.NONE;
    private volatile DoesNotUnderstandHandler doesNotUnderstand = DoesNotUnderstandHandler.RAISE;

    public ObjectSpace(LivingImage image) {
        this.image = Objects.requireNonNull(image);
    }

    public LivingImage image() {
        return image;
    }

    /** Wires how method slots run (the code layer's compiler and primitives). */
    public void setMethodInvoker(MethodInvoker invoker) {
        this.invoker = Objects.requireNonNull(invoker);
    }

    public MethodInvoker methodInvoker() {
        return invoker;
    }

    /** Wires who answers messages nobody understands (the cognitive cycle, later). */
    public void setDoesNotUnderstandHandler(DoesNotUnderstandHandler handler) {
        this.doesNotUnderstand = Objects.requireNonNull(handler);
    }

    DoesNotUnderstandHandler doesNotUnderstandHandler() {
        return doesNotUnderstand;
    }

    VolatileSlots volatiles() {
        return volatiles;
    }

    /** A handle on an existing object, or NOT_FOUND. */
    public UvmObject object(Transaction tx, long oid) {
        if (!tx.exists(oid)) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "no object @" + oid);
        }
        return new UvmObject(this, tx, oid);
    }

    /** The root object (oid 0): the start of reachability and genesis's bookkeeping. */
    public UvmObject root(Transaction tx) {
        return new UvmObject(this, tx, LivingImage.ROOT_OID);
    }

    /** The lobby: where names start. NOT_FOUND before genesis made it. */
    public UvmObject lobby(Transaction tx) {
        Object ref = tx.peek(LivingImage.ROOT_OID, LOBBY_SLOT);
        if (!(ref instanceof ObjectRef lobby)) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "this image has no lobby yet");
        }
        return new UvmObject(this, tx, lobby.oid());
    }

    /** Runs {@code work} in a committed transaction with bounded retry on conflict. */
    public <T> T inTransaction(String note, String origin, Function<Transaction, T> work) {
        return image.inTransaction(note, origin, LivingImage.DEFAULT_ATTEMPTS, work);
    }

    /**
     * Finds the object holding {@code selector} for a message sent to {@code receiver}, or
     * {@link #NOT_FOUND}.
     */
    long lookup(Transaction tx, long receiver, String selector) {
        if (tx.shapeVersion() == 0) {
            Long cached = cache.get(tx.shapeEpoch(), receiver, selector);
            if (cached != null) {
                return cached;
            }
            long holder = search(tx, receiver, selector);
            cache.put(tx.shapeEpoch(), receiver, selector, holder);
            return holder;
        }
        PrivateCache own = tx.local(LOCAL_CACHE, PrivateCache::new);
        if (own.version != tx.shapeVersion()) {
            own.entries.clear();
            own.version = tx.shapeVersion();
        }
        Map<String, Long> bySelector = own.entries.computeIfAbsent(receiver, k -> new HashMap<>());
        Long cached = bySelector.get(selector);
        if (cached != null) {
            return cached;
        }
        long holder = search(tx, receiver, selector);
        bySelector.put(selector, holder);
        return holder;
    }

    /** A transaction's own lookup cache, valid while it changes no further shapes. */
    private static final class PrivateCache {
        int version = -1;
        final Map<Long, Map<String, Long>> entries = new HashMap<>();
    }

    private static long search(Transaction tx, long receiver, String selector) {
        Set<Long> visited = new HashSet<>();
        return search(tx, receiver, selector, visited);
    }

    private static long search(Transaction tx, long oid, String selector, Set<Long> visited) {
        if (!visited.add(oid) || !tx.exists(oid)) {
            return NOT_FOUND;
        }
        if (tx.has(oid, selector)) {
            return oid;
        }
        for (long parent : parentOids(tx, oid)) {
            long holder = search(tx, parent, selector, visited);
            if (holder != NOT_FOUND) {
                return holder;
            }
        }
        return NOT_FOUND;
    }

    static List<Long> parentOids(Transaction tx, long oid) {
        Object parents = tx.peek(oid, LivingImage.PARENTS_SLOT);
        if (!(parents instanceof List<?> list) || list.isEmpty()) {
            return List.of();
        }
        List<Long> oids = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof ObjectRef ref) {
                oids.add(ref.oid());
            }
        }
        return oids;
    }
}
