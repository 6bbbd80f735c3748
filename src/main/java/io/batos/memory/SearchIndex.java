package io.batos.memory;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.TxInfo;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index over the knowledge catalog, kept in {@code vessel/memory-index/}: derived data
 * that follows the image and is rebuilt from it whenever it cannot be trusted.
 *
 * <p>Its last commit's user data records the image transaction it reflects ({@code lastTx}, with
 * that transaction's time as a fingerprint), the image's identity (the root's {@code created}
 * stamp) and the catalog's objects. {@link #catchUp} compares them with the image:
 * <ul>
 *   <li>same transaction: nothing to do (one map lookup per search);</li>
 *   <li>behind: the transactions since are read from the log (their object lists only); the
 *       shards they changed are reconciled with the index (a document no longer in its shard —
 *       undone, removed — is deleted; one added or changed is indexed again), and documents they
 *       changed in place are indexed again;</li>
 *   <li>missing, unreadable, ahead of the image, from another image, a fingerprint that no longer
 *       matches (a restored backup that went on differently), a catalog that was replaced, history
 *       folded by pack, or far behind: rebuilt from the catalog.</li>
 * </ul>
 * Pack never needs more than that: it only drops what nothing reachable refers to, and a document
 * becomes unreachable by a shard change that the index has followed (or, if the index was behind,
 * by history the pack folded, which forces a rebuild).
 *
 * <p>Everything here only reads the image, so a read-only command may catch the index up; the
 * index writer holds Lucene's own lock in the directory, and one process holds the image.
 */
final class SearchIndex implements Closeable {
    /** Behind by more transactions than this, rebuilding is cheaper than reading each one. */
    static final int REBUILD_BEYOND = 20_000;
    private static final String FORMAT = "1";

    private final LivingImage image;
    private final Path path;
    private final BlobTexts texts;
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private Map<String, String> committed = Map.of();
    private CatchUp last;
    /**
     * Whether the index was checked against this image since it was opened. Only then can it be
     * from another image, ahead, or from a restored backup; afterwards the image only moves on, so
     * a search that finds the index current pays one comparison, not a read of the log.
     */
    private boolean verified;

    /** What the last {@link #catchUp} did, for tests and for people wondering why a search was slow. */
    record CatchUp(Kind kind, String reason, long lastTx, long documents) {
    }

    enum Kind { CURRENT, CAUGHT_UP, REBUILT }

    private SearchIndex(LivingImage image) {
        this.image = image;
        this.path = image.directory().resolve("vessel").resolve("memory-index");
        this.texts = new BlobTexts(image.blobs());
    }

    /** Opens (making or repairing as needed) the index of {@code image} and brings it up to date. */
    static SearchIndex open(LivingImage image) {
        SearchIndex index = new SearchIndex(image);
        try {
            index.openLucene();
            index.catchUp();
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** The directory the index lives in. */
    Path path() {
        return path;
    }

    CatchUp lastCatchUp() {
        return last;
    }

    private void openLucene() {
        String repairReason = null;
        try {
            Files.createDirectories(path);
            openWriter();
        } catch (IOException | RuntimeException e) {
            // Corrupt, too new, too old, half written: it is derived data, so start again.
            repairReason = "unreadable (" + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()) + ")";
            closeQuietly();
            try {
                deleteTree(path);
                Files.createDirectories(path);
                openWriter();
            } catch (IOException again) {
                throw new ImageException(ImageException.Code.ERROR, "cannot make the memory index in " + path + ": "
                        + again.getMessage(), again);
            }
        }
        committed = new HashMap<>();
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            data.forEach(e -> committed.put(e.getKey(), e.getValue()));
        }
        if (repairReason != null) {
            committed.put("repair", repairReason);
        }
    }

    private void openWriter() throws IOException {
        directory = FSDirectory.open(path);
        IndexWriterConfig config = new IndexWriterConfig(MemoryAnalyzers.indexing())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND).setRAMBufferSizeMB(64);
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, null);
    }

    /** Brings the index up to the image's last transaction; see the class comment. */
    synchronized CatchUp catchUp() {
        long head = image.lastTx();
        String reason = verified ? null : whyRebuild(head);
        try {
            if (reason == null && Long.parseLong(committed.get("lastTx")) == head) {
                verified = true;
                last = new CatchUp(Kind.CURRENT, null, head, writer.getDocStats().numDocs);
                return last;
            }
            CatalogReader catalog = new CatalogReader(image, head);
            Optional<Long> catalogOid = catalog.catalog();
            Optional<Long> shardsOid = catalogOid.flatMap(catalog::shardsObject);
            if (reason == null && !Objects.equals(committed.get("catalog"), catalogOid.map(String::valueOf).orElse(""))) {
                reason = "the knowledge catalog was replaced";
            }
            if (reason == null && !Objects.equals(committed.get("shards"), shardsOid.map(String::valueOf).orElse(""))) {
                reason = "the catalog's shards were replaced";
            }
            Kind kind;
            if (reason == null && shardsOid.isPresent()) {
                reason = follow(catalog, shardsOid.get(), Long.parseLong(committed.get("lastTx")));
            }
            if (reason != null) {
                rebuild(catalog, shardsOid);
                kind = Kind.REBUILT;
            } else {
                kind = Kind.CAUGHT_UP;
            }
            commit(head, catalogOid, shardsOid);
            verified = true;
            last = new CatchUp(kind, reason, head, writer.getDocStats().numDocs);
            return last;
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot update the memory index in " + path + ": "
                    + e.getMessage(), e);
        }
    }

    /** Why the index cannot be caught up but must be rebuilt, or null when it can. */
    private String whyRebuild(long head) {
        if (committed.containsKey("repair")) {
            return "the index was " + committed.get("repair");
        }
        if (!committed.containsKey("lastTx")) {
            return "there was no index";
        }
        if (!FORMAT.equals(committed.get("format"))) {
            return "the index has another format (" + committed.get("format") + ")";
        }
        if (!Objects.equals(committed.get("image"), imageStamp())) {
            return "the index belongs to another image";
        }
        long indexed;
        try {
            indexed = Long.parseLong(committed.get("lastTx"));
        } catch (NumberFormatException e) {
            return "the index names no transaction";
        }
        if (indexed > head) {
            return "the index is ahead of the image (tx " + indexed + ", the image ends at " + head + ")";
        }
        if (indexed > 0 && !Objects.equals(committed.get("txTime"), txTime(indexed))) {
            return "transaction " + indexed + " is not the one the index saw";
        }
        if (head - indexed > REBUILD_BEYOND) {
            return "the index is " + (head - indexed) + " transactions behind";
        }
        return null;
    }

    /**
     * Applies the transactions after {@code since}; answers a reason to rebuild instead when
     * history was folded by pack.
     */
    private String follow(CatalogReader catalog, long shardsOid, long since) throws IOException {
        Set<Long> changed = new HashSet<>();
        for (long tx = since + 1; tx <= catalog.at(); tx++) {
            TxInfo info;
            try {
                info = image.transaction(tx);
            } catch (ImageException e) {
                return "transaction " + tx + " is gone (history was packed)";
            }
            if ("pack".equals(info.origin())) {
                return "history was packed";
            }
            changed.addAll(info.oids());
        }
        if (changed.isEmpty()) {
            return null;
        }
        Map<String, Long> shards = catalog.shards(shardsOid);
        Set<String> prefixes = new HashSet<>();
        if (changed.contains(shardsOid)) {
            Map<String, Long> before = new CatalogReader(image, since).shards(shardsOid);
            Set<String> all = new HashSet<>(before.keySet());
            all.addAll(shards.keySet());
            for (String prefix : all) {
                if (!Objects.equals(before.get(prefix), shards.get(prefix))) {
                    prefixes.add(prefix);
                }
            }
        }
        shards.forEach((prefix, oid) -> {
            if (changed.contains(oid)) {
                prefixes.add(prefix);
            }
        });
        Set<Long> handled = new HashSet<>();
        for (String prefix : prefixes) {
            reconcile(catalog, prefix, shards.get(prefix), changed, handled);
        }
        // Documents changed in place (a cycle that grew over two ingestions) under an unchanged shard.
        IndexSearcher searcher = searcher();
        try {
            StoredFields stored = searcher.storedFields();
            Map<String, Map<String, Long>> entries = new HashMap<>();
            for (long oid : changed) {
                if (handled.contains(oid) || shards.containsValue(oid)) {
                    continue;
                }
                TopDocs top = searcher.search(new TermQuery(new Term(LuceneDocuments.OID, Long.toString(oid))), 1);
                if (top.scoreDocs.length == 0) {
                    continue;
                }
                Document indexed = stored.document(top.scoreDocs[0].doc);
                String cycle = indexed.get(LuceneDocuments.ID);
                String prefix = indexed.get(LuceneDocuments.SHARD);
                Long shard = shards.get(prefix);
                Long now = shard == null ? null
                        : entries.computeIfAbsent(prefix, p -> catalog.entries(shard)).get(cycle);
                index(catalog, cycle, now, prefix);
            }
        } finally {
            searchers.release(searcher);
        }
        return null;
    }

    /** Makes the index's documents of one shard match the shard's entries. */
    private void reconcile(CatalogReader catalog, String prefix, Long shardOid, Set<Long> changed, Set<Long> handled)
            throws IOException {
        Map<String, Long> entries = shardOid == null ? Map.of() : catalog.entries(shardOid);
        Map<String, Long> indexed = new HashMap<>();
        IndexSearcher searcher = searcher();
        try {
            TermQuery inShard = new TermQuery(new Term(LuceneDocuments.SHARD, prefix));
            TopDocs top = searcher.search(inShard, Math.max(1, searcher.count(inShard)));
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                Document d = stored.document(hit.doc, Set.of(LuceneDocuments.ID, LuceneDocuments.OID));
                indexed.put(d.get(LuceneDocuments.ID), Long.parseLong(d.get(LuceneDocuments.OID)));
            }
        } finally {
            searchers.release(searcher);
        }
        for (Map.Entry<String, Long> doc : indexed.entrySet()) {
            if (!doc.getValue().equals(entries.get(doc.getKey()))) {
                writer.deleteDocuments(new Term(LuceneDocuments.ID, doc.getKey()));
                handled.add(doc.getValue());
            }
        }
        for (Map.Entry<String, Long> entry : entries.entrySet()) {
            long oid = entry.getValue();
            if (!Long.valueOf(oid).equals(indexed.get(entry.getKey())) || changed.contains(oid)) {
                index(catalog, entry.getKey(), oid, prefix);
            }
            handled.add(oid);
        }
    }

    /** Indexes the document of {@code cycle} held by {@code oid}, or deletes it when {@code oid} is null or empty. */
    private void index(CatalogReader catalog, String cycle, Long oid, String prefix) throws IOException {
        CycleDocument doc = oid == null ? null : catalog.document(oid);
        Term id = new Term(LuceneDocuments.ID, cycle);
        if (doc == null || !doc.cycleId().equals(cycle)) {
            writer.deleteDocuments(id);
        } else {
            writer.updateDocument(id, LuceneDocuments.of(doc, oid, prefix, texts));
        }
    }

    private void rebuild(CatalogReader catalog, Optional<Long> shardsOid) throws IOException {
        writer.deleteAll();
        if (shardsOid.isEmpty()) {
            return;
        }
        Map<String, Long> shards = catalog.shards(shardsOid.get());
        List<String> prefixes = new ArrayList<>(shards.keySet());
        prefixes.sort(Comparator.naturalOrder());
        for (String prefix : prefixes) {
            for (Map.Entry<String, Long> entry : catalog.entries(shards.get(prefix)).entrySet()) {
                CycleDocument doc = catalog.document(entry.getValue());
                if (doc != null && doc.cycleId().equals(entry.getKey())) {
                    writer.addDocument(LuceneDocuments.of(doc, entry.getValue(), prefix, texts));
                }
            }
        }
    }

    private void commit(long head, Optional<Long> catalog, Optional<Long> shards) throws IOException {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("format", FORMAT);
        data.put("lastTx", Long.toString(head));
        data.put("txTime", txTime(head));
        data.put("image", imageStamp());
        data.put("catalog", catalog.map(String::valueOf).orElse(""));
        data.put("shards", shards.map(String::valueOf).orElse(""));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
        committed = data;
    }

    /** A searcher on the index as last changed; give it back with {@link #release}. */
    IndexSearcher searcher() throws IOException {
        searchers.maybeRefreshBlocking();
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a document's texts for snippets, as the index read them. */
    BlobTexts texts() {
        return texts;
    }

    private String imageStamp() {
        Map<String, Object> root = image.stateAt(LivingImage.ROOT_OID, image.lastTx());
        return root == null ? "" : String.valueOf(root.get("created"));
    }

    private String txTime(long tx) {
        if (tx == 0) {
            return "";
        }
        try {
            TxInfo info = image.transaction(tx);
            return info.time().toEpochMilli() + "/" + info.note().hashCode();
        } catch (ImageException e) {
            return "gone";
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (searchers != null) {
                searchers.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing derived data: nothing to lose
        }
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // an unclosed writer leaves the last commit, which is all the index promises
        }
        try {
            if (directory != null) {
                directory.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing held but file handles
        }
        searchers = null;
        writer = null;
        directory = null;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
