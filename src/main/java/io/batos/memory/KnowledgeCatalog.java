package io.batos.memory;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge catalog in the image, {@code lobby.knowledgeCatalog}, as one transaction sees and
 * changes it: one object per cycle document, found through 256 shard objects.
 *
 * <pre>
 * lobby.knowledgeCatalog            comment, cursor {generation, offset}, documents (count), shards
 *   .shards                         slots "00" … "ff", made when first needed → a shard object
 *     .3f                           one slot per cycle: cycleId → the document object
 *       .a1b2c3d4e5f6               the document: cycleId, outcome, states, personas, findings, …
 * </pre>
 *
 * <p>Why this shape: a single map slot of every document would be rewritten whole, and logged
 * whole, by every ingestion, and grow without bound; here an ingestion writes the documents it
 * touches, the shards they hang from (a shard holds about 1/256 of the cycles, some 400 refs at
 * 100,000 cycles) and the catalog's cursor. The shard is the first two hex digits of the SHA-256
 * of the cycle id, so shards fill evenly whatever the ids look like. Every part is an ordinary
 * object: the architect browses it, {@code get lobby.knowledgeCatalog.shards.3f} works, and undo
 * and pack treat it like everything else (the search index follows, see {@link SearchIndex}).
 */
public final class KnowledgeCatalog {
    /** The lobby's slot holding the catalog. */
    public static final String SLOT = "knowledgeCatalog";
    static final String CURSOR = "cursor";
    static final String SHARDS = "shards";
    static final String COUNT = "documents";

    private final Transaction tx;
    private final long oid;

    private KnowledgeCatalog(Transaction tx, long oid) {
        this.tx = tx;
        this.oid = oid;
    }

    /** Makes an empty catalog and hangs it on the lobby (genesis step 12). */
    static long create(Transaction tx, long lobby) {
        long catalog = tx.create();
        long shards = tx.create();
        tx.set(catalog, "comment", "Fractal Memory: one document per cognitive cycle, ingested from the audit log"
                + " (metacognition.jsonl) by ALFRED's ingestCognitiveAuditLog. Documents hang from shards"
                + " (the first two hex digits of the SHA-256 of the cycle id); the cursor says how far the log"
                + " was read.");
        tx.set(catalog, CURSOR, Cursor.START.toSlot());
        tx.set(catalog, COUNT, 0L);
        tx.set(catalog, SHARDS, new ObjectRef(shards));
        tx.set(lobby, SLOT, new ObjectRef(catalog));
        return catalog;
    }

    /** The catalog as {@code tx} sees it, or empty when this image has none (older than genesis 12). */
    public static Optional<KnowledgeCatalog> in(Transaction tx) {
        return lobby(tx).map(lobby -> tx.peek(lobby, SLOT)).filter(ObjectRef.class::isInstance)
                .map(ref -> new KnowledgeCatalog(tx, ((ObjectRef) ref).oid()));
    }

    /** {@link #in}, or NOT_FOUND saying why. */
    public static KnowledgeCatalog require(Transaction tx) {
        return in(tx).orElseThrow(() -> new ImageException(ImageException.Code.NOT_FOUND,
                "this image has no knowledge catalog (lobby." + SLOT + "); open it for writing once to add it"));
    }

    private static Optional<Long> lobby(Transaction tx) {
        return tx.peek(LivingImage.ROOT_OID, ObjectSpace.LOBBY_SLOT) instanceof ObjectRef ref
                ? Optional.of(ref.oid()) : Optional.empty();
    }

    /** The shard a cycle's document hangs from: two lower-case hex digits. */
    public static String shardOf(String cycleId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(cycleId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().toHexDigits(hash[0]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public long oid() {
        return oid;
    }

    /** How far the audit log has been ingested. */
    public Cursor cursor() {
        return Cursor.fromSlot(tx.peek(oid, CURSOR));
    }

    void setCursor(Cursor cursor) {
        tx.set(oid, CURSOR, cursor.toSlot());
    }

    /** How many documents the catalog holds. */
    public long size() {
        return tx.peek(oid, COUNT) instanceof Long n ? n : 0;
    }

    /** The object holding a cycle's document, if the catalog has one. */
    public Optional<Long> documentOid(String cycleId) {
        return shard(shardOf(cycleId), false).map(shard -> tx.peek(shard, cycleId))
                .filter(ObjectRef.class::isInstance).map(ref -> ((ObjectRef) ref).oid());
    }

    /** A cycle's document, if the catalog has one. */
    public Optional<CycleDocument> document(String cycleId) {
        return documentOid(cycleId).map(doc -> read(tx, doc));
    }

    /** Reads the document held by object {@code doc}; null when it holds none. */
    static CycleDocument read(Transaction tx, long doc) {
        Map<String, Object> slots = new java.util.LinkedHashMap<>();
        for (String slot : tx.slotNames(doc)) {
            slots.put(slot, tx.peek(doc, slot));
        }
        return CycleDocument.fromSlots(slots);
    }

    /**
     * Stores a document: into its object when the catalog has the cycle, else into a new object
     * hung from its shard.
     *
     * @return the document's object
     */
    long put(CycleDocument document) {
        Optional<Long> existing = documentOid(document.cycleId());
        long doc = existing.orElseGet(tx::create);
        for (Map.Entry<String, Object> slot : document.toSlots().entrySet()) {
            tx.set(doc, slot.getKey(), slot.getValue());
        }
        if (existing.isEmpty()) {
            long shard = shard(shardOf(document.cycleId()), true).orElseThrow();
            tx.set(shard, document.cycleId(), new ObjectRef(doc));
            tx.set(oid, COUNT, size() + 1);
        }
        return doc;
    }

    /** A shard object by its prefix, made when {@code create} asks and it is missing. */
    private Optional<Long> shard(String prefix, boolean create) {
        if (!(tx.peek(oid, SHARDS) instanceof ObjectRef shardsRef)) {
            throw new ImageException(ImageException.Code.ERROR, "the knowledge catalog has no shards object");
        }
        if (tx.peek(shardsRef.oid(), prefix) instanceof ObjectRef shard) {
            return Optional.of(shard.oid());
        }
        if (!create) {
            return Optional.empty();
        }
        long shard = tx.create();
        tx.set(shardsRef.oid(), prefix, new ObjectRef(shard));
        return Optional.of(shard);
    }
}
