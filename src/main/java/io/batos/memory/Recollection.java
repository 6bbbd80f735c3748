package io.batos.memory;

import io.batos.image.LivingImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every cycle Fractal Memory knows, read without writing: the catalog's documents as one
 * transaction committed them, with the audit log's events after that catalog's cursor folded in.
 *
 * <p>Why both: the catalog lags the log by up to one autotelic period, and a one-shot command
 * ({@code batos metacognition report}) may not commit, so it cannot ingest first; reading the
 * catalog and its cursor at the same transaction and then the log from that cursor sees every
 * event exactly once, as ingestion would have folded it. Documents built here are never stored.
 */
final class Recollection {
    private final LivingImage image;
    private final AuditLogReader reader;

    Recollection(LivingImage image, AuditLogReader reader) {
        this.image = image;
        this.reader = reader;
    }

    /**
     * The documents, in catalog order then log order.
     *
     * @param includeLog whether to fold in the events not yet ingested
     */
    List<CycleDocument> documents(boolean includeLog) {
        CatalogReader catalog = new CatalogReader(image, image.lastTx());
        Map<String, CycleDocument> docs = new LinkedHashMap<>();
        Cursor cursor = Cursor.START;
        var catalogOid = catalog.catalog();
        if (catalogOid.isPresent()) {
            Map<String, Object> slots = image.stateAt(catalogOid.get(), catalog.at());
            cursor = Cursor.fromSlot(slots == null ? null : slots.get(KnowledgeCatalog.CURSOR));
            catalog.shardsObject(catalogOid.get()).ifPresent(shards -> {
                for (long shard : catalog.shards(shards).values()) {
                    for (long doc : catalog.entries(shard).values()) {
                        CycleDocument d = catalog.document(doc);
                        if (d != null) {
                            docs.put(d.cycleId(), d);
                        }
                    }
                }
            });
        }
        if (includeLog) {
            while (true) {
                AuditLogReader.Batch batch = reader.read(cursor, Ingestion.DEFAULT_BATCH);
                for (AuditEvent e : batch.events()) {
                    docs.computeIfAbsent(e.cycleId(), CycleDocument::new).absorb(e);
                }
                if (batch.events().size() < Ingestion.DEFAULT_BATCH) {
                    break;
                }
                cursor = batch.end();
            }
        }
        List<CycleDocument> all = new ArrayList<>(docs.values());
        all.forEach(d -> d.inferDepth(null));
        return all;
    }
}
