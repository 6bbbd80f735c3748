package io.batos.memory;

import io.batos.code.Primitives;
import io.batos.image.LivingImage;
import java.util.List;
import java.util.Objects;

/**
 * Fractal Memory for one open image: ALFRED's ingestion of the audit log into the knowledge
 * catalog, and search over it; the kernel makes one per vessel and closes it before the image.
 *
 * <p>Why one object: both halves are per image and per process (one ingestion at a time, one
 * Lucene writer on {@code vessel/memory-index/}), and the primitive, the command line, the
 * autotelic loop and the workbench should all reach the same ones. The search index opens on
 * first use, so commands that never search never touch it.
 */
public final class FractalMemory implements AutoCloseable {
    private final LivingImage image;
    private final Ingestion ingestion;
    private final LogRotation rotation;
    private final Recollection recollection;
    private final BlobTexts texts;
    private MemorySearch search;
    private boolean closed;

    /** Memory over {@code image}, rotating the audit log through {@code rotation}. */
    public FractalMemory(LivingImage image, LogRotation rotation) {
        this.image = Objects.requireNonNull(image, "image");
        this.ingestion = new Ingestion(image, rotation);
        this.rotation = rotation;
        this.recollection = new Recollection(image, new AuditLogReader(new AuditFiles(image.directory())));
        this.texts = new BlobTexts(image.blobs());
    }

    /** Memory over {@code image} in a process without an audit writer: rotation renames the files itself. */
    public static FractalMemory withoutWriter(LivingImage image) {
        return new FractalMemory(image, new FileRotation(new AuditFiles(image.directory())));
    }

    /** Binds ALFRED's {@code ingestCognitiveAuditLog} primitive: it ingests and answers {@link IngestResult#toMap}. */
    public void registerPrimitives(Primitives primitives) {
        primitives.register(MemoryGenesis.INGEST_PRIMITIVE, (self, args) -> ingest().toMap());
    }

    /** Ingests what is new in the audit log (see {@link Ingestion}). */
    public IngestResult ingest() {
        return ingestion.run();
    }

    /**
     * Every cycle known now, committing nothing: the catalog's documents with the audit log's
     * events not yet ingested folded in (see {@link Recollection}).
     */
    public List<CycleDocument> cycles() {
        rotation.flush();
        return recollection.documents(true);
    }

    /** The catalog's documents as last committed, without the log's newer events. */
    public List<CycleDocument> catalogued() {
        return recollection.documents(false);
    }

    /** A cycle's document as the catalog last committed it, or empty when the catalog has none. */
    public java.util.Optional<CycleDocument> document(String cycleId) {
        try (io.batos.image.Transaction tx = image.begin("read the catalog document of cycle " + cycleId, "memory")) {
            return KnowledgeCatalog.in(tx).flatMap(catalog -> catalog.document(cycleId));
        }
    }

    /** The text a document's prompt or response stands for, whether inline or a blob; empty when the blob is gone. */
    public String text(Object value) {
        return texts.text(value);
    }

    public Ingestion ingestion() {
        return ingestion;
    }

    /** The search, opened (and its index caught up or rebuilt) on first use. */
    public synchronized MemorySearch search() {
        if (closed) {
            throw new IllegalStateException("Fractal Memory of " + image.directory() + " is closed");
        }
        if (search == null) {
            search = MemorySearch.open(image);
        }
        return search;
    }

    /** Closes the search index, if it was opened. Safe to call twice. */
    @Override
    public synchronized void close() {
        closed = true;
        if (search != null) {
            search.close();
            search = null;
        }
    }
}
