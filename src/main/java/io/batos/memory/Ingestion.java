package io.batos.memory;

import io.batos.image.BlobRef;
import io.batos.image.BlobStore;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ALFRED's {@code ingestCognitiveAuditLog}: reads the audit log from the catalog's cursor, folds
 * the events into one document per cycle, commits the documents together with the new cursor,
 * and then rotates the log.
 *
 * <h2>The protocol, and why no crash ingests twice or skips</h2>
 * <ol>
 *   <li><b>Read</b> whole lines from the cursor (generation g, byte offset o): the rest of every
 *       archived generation from g on, then the current file up to its last complete line
 *       ({@link AuditLogReader}). At most {@code batchSize} events per round.</li>
 *   <li><b>Store long texts</b> (prompts, responses over {@value #INLINE_LIMIT} bytes) in the
 *       blob store. A crash here leaves only unreferenced blobs; content addressing makes the
 *       retry store the same ones.</li>
 *   <li><b>Commit</b>, in one transaction: the documents (a cycle already in the catalog grows
 *       its document, so a cycle straddling two ingestions is one document) and the cursor just
 *       past the last line read. The transaction first checks that the catalog's cursor is still
 *       the one the read started from, so a concurrent ingestion can never add the same lines
 *       twice. Commit is the single point at which events count as ingested: a crash before it
 *       leaves the image as it was and the next run reads the same lines again; a crash after it
 *       leaves a cursor that already excludes them.</li>
 *   <li>Repeat until the log is read to its end.</li>
 *   <li><b>Rotate</b> when the committed cursor is inside the current generation (something was
 *       read from it). The rotation renames the file (cursor offset and all) to its archive, so
 *       the committed (g, o) still names the same byte; the next run reads the archive's tail
 *       from o — the events appended between the read and the rotation — and then the new file.
 *       A crash between commit and rotation leaves the current file with the cursor inside it:
 *       the next run reads on from o and rotates then. Nothing is lost and nothing repeats
 *       because nothing about the cursor depends on whether the rotation happened.</li>
 * </ol>
 * Archives are never deleted here: they are the verbatim audit trail, and they let an undone
 * ingestion (undo restores the earlier cursor) be ingested again to the same documents.
 *
 * <p>One ingestion runs at a time per instance (a lock); one process holds an image, so there is
 * one instance per image. A pass that finds nothing new commits nothing.
 */
public final class Ingestion {
    /**
     * Texts longer than this many UTF-8 bytes go to the blob store; shorter ones stay in the
     * document. Why 4 KiB: below a file system block a blob file takes more room than the text it
     * saves, and each blob costs an fsync; above it, the document stays small however long the
     * prompt (state prompts with examples and schemas run to tens of kilobytes).
     */
    public static final int INLINE_LIMIT = 4096;
    /** Blob puts in flight at once: each waits on its own fsync, and the file system commits them together. */
    private static final int BLOB_WRITERS = 16;
    /** Events per transaction, bounding memory and the size of one log record. */
    public static final int DEFAULT_BATCH = 20_000;

    private final LivingImage image;
    private final AuditFiles files;
    private final AuditLogReader reader;
    private final LogRotation rotation;
    private final int batchSize;
    private final ReentrantLock lock = new ReentrantLock();

    public Ingestion(LivingImage image, LogRotation rotation) {
        this(image, rotation, DEFAULT_BATCH);
    }

    public Ingestion(LivingImage image, LogRotation rotation, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.image = Objects.requireNonNull(image, "image");
        this.files = new AuditFiles(image.directory());
        this.reader = new AuditLogReader(files);
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.batchSize = batchSize;
    }

    /**
     * Ingests everything new in the audit log, then rotates it.
     *
     * @throws ImageException NOT_FOUND when the image has no knowledge catalog; CONFLICT when the
     *                        catalog's cursor moved under a read (nothing is written then)
     */
    public IngestResult run() {
        lock.lock();
        try {
            return runLocked();
        } finally {
            lock.unlock();
        }
    }

    private IngestResult runLocked() {
        rotation.flush();
        long events = 0;
        long newDocuments = 0;
        long skipped = 0;
        int transactions = 0;
        Set<String> cycles = new HashSet<>();
        List<String> warnings = new ArrayList<>();
        Cursor cursor = committedCursor();
        while (true) {
            AuditLogReader.Batch batch = reader.read(cursor, batchSize);
            warnings.addAll(batch.warnings());
            KillPoint.reach("ingest.read");
            if (batch.events().isEmpty() && batch.skipped() == 0) {
                break; // nothing new: commit nothing (the cursor may only have passed empty archives)
            }
            Map<String, List<AuditEvent>> byCycle = new LinkedHashMap<>();
            for (AuditEvent e : batch.events()) {
                byCycle.computeIfAbsent(e.cycleId(), k -> new ArrayList<>()).add(e);
            }
            Map<String, BlobRef> texts = storeLongTexts(batch.events());
            Cursor from = cursor;
            long created = image.inTransaction(note(batch, byCycle.size(), from), "memory", tx ->
                    store(tx, from, batch.end(), byCycle, texts));
            KillPoint.reach("ingest.committed");
            transactions++;
            events += batch.events().size();
            skipped += batch.skipped();
            newDocuments += created;
            cycles.addAll(byCycle.keySet());
            cursor = batch.end();
            if (batch.events().size() < batchSize) {
                break;
            }
        }
        LogRotation.Rotated rotated = null;
        if (cursor.generation() == files.generation() && cursor.offset() > 0) {
            rotated = rotation.rotate();
        }
        return new IngestResult(events, cycles.size(), newDocuments, skipped, transactions, cursor, rotated, warnings);
    }

    private Cursor committedCursor() {
        try (Transaction tx = image.begin("read the knowledge catalog's cursor", "memory")) {
            return KnowledgeCatalog.require(tx).cursor();
        }
    }

    /** The documents and the cursor, in the caller's transaction; answers how many documents are new. */
    private static long store(Transaction tx, Cursor from, Cursor to, Map<String, List<AuditEvent>> byCycle,
                              Map<String, BlobRef> texts) {
        KnowledgeCatalog catalog = KnowledgeCatalog.require(tx);
        Cursor now = catalog.cursor();
        if (!now.equals(from)) {
            throw new ImageException(ImageException.Code.CONFLICT, "the knowledge catalog's cursor moved from "
                    + from + " to " + now + " while the audit log was read (another ingestion ran); nothing was stored");
        }
        Map<String, CycleDocument> batch = new LinkedHashMap<>();
        long created = 0;
        for (Map.Entry<String, List<AuditEvent>> cycle : byCycle.entrySet()) {
            CycleDocument doc = catalog.document(cycle.getKey()).orElse(null);
            if (doc == null) {
                doc = new CycleDocument(cycle.getKey());
                created++;
            }
            cycle.getValue().forEach(doc::absorb);
            if (doc.depth() == null && doc.parentCycle() != null) {
                CycleDocument parent = batch.get(doc.parentCycle());
                if (parent == null) {
                    parent = catalog.document(doc.parentCycle()).orElse(null);
                }
                doc.inferDepth(parent == null ? null : parent.depth());
            } else {
                doc.inferDepth(null);
            }
            for (Map<String, Object> exchange : doc.exchangesInPlace()) {
                exchange.replaceAll((key, value) -> value instanceof String text && texts.containsKey(text)
                        ? texts.get(text) : value);
            }
            batch.put(doc.cycleId(), doc);
            catalog.put(doc);
        }
        catalog.setCursor(to);
        return created;
    }

    /**
     * Stores every long prompt and response of the batch as a blob, several at a time (each put is
     * fsynced, and fsyncs of different files overlap); content already stored is not written again.
     */
    private Map<String, BlobRef> storeLongTexts(List<AuditEvent> events) {
        Set<String> longTexts = new HashSet<>();
        for (AuditEvent e : events) {
            addIfLong(longTexts, e.llmPrompt());
            addIfLong(longTexts, e.llmResponseRaw());
        }
        Map<String, BlobRef> refs = new ConcurrentHashMap<>();
        if (longTexts.isEmpty()) {
            return refs;
        }
        BlobStore blobs = image.blobs();
        ExecutorService writers = Executors.newFixedThreadPool(Math.min(BLOB_WRITERS, longTexts.size()), r -> {
            Thread thread = new Thread(r, "memory-blob-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String text : longTexts) {
                puts.add(writers.submit(() -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    BlobRef known = new BlobRef(sha256(bytes), bytes.length);
                    refs.put(text, blobs.contains(known) ? known : blobs.put(new ByteArrayInputStream(bytes)));
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new ImageException(ImageException.Code.ERROR, "cannot store a text as a blob: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(ImageException.Code.ERROR, "interrupted while storing texts as blobs", e);
        } finally {
            writers.shutdownNow();
        }
        return refs;
    }

    private static void addIfLong(Set<String> texts, String text) {
        // chars * 3 bounds the UTF-8 length; only texts near the limit pay for an exact count.
        if (text != null && text.length() > INLINE_LIMIT / 3
                && (text.length() > INLINE_LIMIT || text.getBytes(StandardCharsets.UTF_8).length > INLINE_LIMIT)) {
            texts.add(text);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String note(AuditLogReader.Batch batch, int cycles, Cursor from) {
        return "ingest audit log: " + batch.events().size() + " events of " + cycles + " cycles ("
                + from + " to " + batch.end() + ")";
    }

    /** The audit log files this ingestion reads. */
    public AuditFiles files() {
        return files;
    }
}
