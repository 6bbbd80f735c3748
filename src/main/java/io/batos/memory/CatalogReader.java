package io.batos.memory;

import io.batos.image.LivingImage;
import io.batos.image.ObjectRef;
import io.batos.object.ObjectSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge catalog as committed at one transaction, read without opening one.
 *
 * <p>Why not a {@link io.batos.image.Transaction}: the search index reads every document when it
 * rebuilds, and a transaction keeps a working copy of each object it reads until it ends;
 * {@link LivingImage#stateAt} hands out one copy and forgets it. Reading never writes, so it is
 * safe in a read-only command.
 */
final class CatalogReader {
    private final LivingImage image;
    private final long at;

    /** Reads the catalog as of transaction {@code at}. */
    CatalogReader(LivingImage image, long at) {
        this.image = image;
        this.at = at;
    }

    long at() {
        return at;
    }

    /** The catalog object, or empty when the image has none. */
    Optional<Long> catalog() {
        return ref(LivingImage.ROOT_OID, ObjectSpace.LOBBY_SLOT).flatMap(lobby -> ref(lobby, KnowledgeCatalog.SLOT));
    }

    /** The shards directory of the catalog. */
    Optional<Long> shardsObject(long catalog) {
        return ref(catalog, KnowledgeCatalog.SHARDS);
    }

    /** Every shard: prefix → shard object. */
    Map<String, Long> shards(long shardsObject) {
        return refs(shardsObject);
    }

    /** The entries of one shard: cycleId → document object. */
    Map<String, Long> entries(long shard) {
        return refs(shard);
    }

    /** The document an object holds, or null when it holds none (an undone or emptied object). */
    CycleDocument document(long oid) {
        return CycleDocument.fromSlots(image.stateAt(oid, at));
    }

    private Map<String, Long> refs(long oid) {
        Map<String, Long> out = new LinkedHashMap<>();
        Map<String, Object> slots = image.stateAt(oid, at);
        if (slots != null) {
            slots.forEach((name, value) -> {
                if (value instanceof ObjectRef ref) {
                    out.put(name, ref.oid());
                }
            });
        }
        return out;
    }

    private Optional<Long> ref(long oid, String slot) {
        Map<String, Object> slots = image.stateAt(oid, at);
        return slots != null && slots.get(slot) instanceof ObjectRef ref ? Optional.of(ref.oid()) : Optional.empty();
    }
}
