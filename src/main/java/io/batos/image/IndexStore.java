package io.batos.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mapdb.Atomic;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.IndexTreeLongLongMap;
import org.mapdb.Serializer;

/**
 * The current-state index in {@code index.db}: a MapDB materialized view of the log.
 *
 * <p>It maps each oid to the log offset of its latest state and each transaction id to its
 * record's offset, and remembers how far into the log it reflects. Object offsets are stored 64 to
 * a record (oids are dense), with a bounded cache of those blocks on the heap: one MapDB read
 * serves 64 neighbouring objects, and a commit changes only heap blocks, which are written back
 * in bulk (when many are dirty, and at close). Likewise the set of objects holding methods lives
 * on the heap and is written back at close. Neither needs to be durable before close: a file that
 * was not closed cleanly is rebuilt from the log anyway. MapDB 3.1's own transactions are
 * not crash-safe (STACK.md), so they are off and this file is never the only copy of anything: it
 * is marked dirty while open and trusted on the next open only if it was closed cleanly; otherwise
 * {@link LivingImage} deletes and rebuilds it from the log.
 */
final class IndexStore implements AutoCloseable {
    private static final long ABSENT = -1;
    private static final int BLOCK_SHIFT = 6;
    private static final int BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;
    /**
     * Blocks kept on the heap (64 offsets each; the default holds 2 M objects' offsets in ~17 MiB).
     * {@code -Dbatos.index.cachedBlocks} tunes it; the tests make it tiny to exercise eviction.
     */
    private static final int CACHED_BLOCKS = Integer.getInteger("batos.index.cachedBlocks", 1 << 15);
    /** Changed blocks written back to MapDB together once this many have gathered. */
    private static final int DIRTY_BLOCKS = Integer.getInteger("batos.index.dirtyBlocks", 1 << 12);

    private final Path file;
    private final DB db;
    private final HTreeMap<Long, long[]> objectBlocks;
    private final IndexTreeLongLongMap transactions;
    private final IndexTreeLongLongMap storedMethodHolders;
    private final Atomic.Long storedObjectCount;
    private final Map<Long, long[]> blocks = new ConcurrentHashMap<>();
    private final Map<Long, long[]> dirty = new HashMap<>();
    private final Set<Long> methodHolders = ConcurrentHashMap.newKeySet();
    private volatile long objectCount;
    private final Atomic.Long lastTx;
    private final Atomic.Long logEnd;
    private final Atomic.Long nextOid;
    private final Atomic.Boolean clean;
    private final boolean wasClean;

    private IndexStore(Path file, DB db) {
        this.file = file;
        this.db = db;
        this.objectBlocks = db.hashMap("objectBlocks", Serializer.LONG, Serializer.LONG_ARRAY).createOrOpen();
        this.transactions = new DB.IndexTreeLongLongMapMaker(db, "transactions").createOrOpen();
        this.storedMethodHolders = new DB.IndexTreeLongLongMapMaker(db, "methodHolders").createOrOpen();
        this.storedObjectCount = db.atomicLong("objectCount").createOrOpen();
        this.lastTx = db.atomicLong("lastTx").createOrOpen();
        this.logEnd = db.atomicLong("logEnd").createOrOpen();
        this.nextOid = db.atomicLong("nextOid").createOrOpen();
        this.clean = db.atomicBoolean("clean").createOrOpen();
        this.wasClean = clean.get();
        if (wasClean) {
            storedMethodHolders.forEachKey(methodHolders::add);
            objectCount = storedObjectCount.get();
        }
    }

    /**
     * Opens the index, or answers null when the file is unusable (then the caller rebuilds it).
     * The returned index is already marked dirty, durably, before anyone writes to it.
     */
    static IndexStore openExisting(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        DB db = null;
        try {
            db = maker(file).make();
            IndexStore index = new IndexStore(file, db);
            index.markDirty();
            return index;
        } catch (RuntimeException e) {
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException ignored) {
                    // the file is discarded anyway
                }
            }
            return null;
        }
    }

    /** Creates an empty index, replacing whatever file was there. */
    static IndexStore create(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal.0"));
        IndexStore index = new IndexStore(file, maker(file).make());
        index.markDirty();
        return index;
    }

    private static DBMaker.Maker maker(Path file) {
        return DBMaker.fileDB(file.toFile()).fileMmapEnableIfSupported().fileMmapPreclearDisable()
                .cleanerHackEnable();
    }

    private void markDirty() {
        clean.set(false);
        db.commit();
    }

    /** Whether the file was closed cleanly last time (so it reflects exactly {@link #logEnd()}). */
    boolean wasClean() {
        return wasClean;
    }

    long objectOffset(long oid) {
        long[] block = block(oid >>> BLOCK_SHIFT);
        long offset = block == null ? 0 : block[(int) (oid & BLOCK_MASK)];
        return offset == 0 ? ABSENT : offset;
    }

    /**
     * The block of offsets {@code id}, or null when no object of it exists yet. The cache is read
     * without a lock; a miss, a write and an eviction all hold the {@code dirty} lock, so a reader
     * can never cache an older copy of a block that a commit has changed but not yet written back.
     */
    private long[] block(long id) {
        long[] block = blocks.get(id);
        if (block != null) {
            return block;
        }
        synchronized (dirty) {
            block = blocks.get(id);
            if (block == null) {
                block = dirty.get(id);
            }
            if (block == null) {
                block = objectBlocks.get(id);
            }
            if (block != null) {
                cache(id, block);
            }
            return block;
        }
    }

    /** Points an oid at its latest state; callers serialize writes (the commit lock, or recovery). */
    void putObject(long oid, long entryOffset) {
        long id = oid >>> BLOCK_SHIFT;
        synchronized (dirty) {
            long[] block = block(id);
            if (block == null) {
                block = new long[1 << BLOCK_SHIFT];
                cache(id, block);
            }
            int at = (int) (oid & BLOCK_MASK);
            if (block[at] == 0) {
                objectCount++;
            }
            block[at] = entryOffset;
            dirty.put(id, block);
            if (dirty.size() >= DIRTY_BLOCKS) {
                flushBlocks();
            }
        }
    }

    /** Caches a block, first evicting all but the unflushed ones when the cache is full (holds the dirty lock). */
    private void cache(long id, long[] block) {
        if (blocks.size() >= CACHED_BLOCKS) {
            blocks.clear();
            blocks.putAll(dirty);
        }
        blocks.put(id, block);
    }

    private void flushBlocks() {
        synchronized (dirty) {
            for (Map.Entry<Long, long[]> entry : dirty.entrySet()) {
                objectBlocks.put(entry.getKey(), entry.getValue().clone());
            }
            dirty.clear();
        }
    }

    /** Records whether an object's latest state holds a method slot (a secondary index). */
    void markMethodHolder(long oid, boolean holds) {
        if (holds) {
            methodHolders.add(oid);
        } else {
            methodHolders.remove(oid);
        }
    }

    long[] methodHolders() {
        return methodHolders.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    long transactionOffset(long txId) {
        return transactions.getIfAbsent(txId, ABSENT);
    }

    void putTransaction(long txId, long recordOffset) {
        transactions.put(txId, recordOffset);
    }

    long objectCount() {
        return objectCount;
    }

    int transactionCount() {
        return transactions.size();
    }

    IndexTreeLongLongMap transactions() {
        return transactions;
    }

    long lastTx() {
        return lastTx.get();
    }

    long logEnd() {
        return logEnd.get();
    }

    long nextOid() {
        return nextOid.get();
    }

    void setPosition(long tx, long end) {
        lastTx.set(tx);
        logEnd.set(end);
    }

    void setNextOid(long oid) {
        nextOid.set(oid);
    }

    /** Flushes, marks the file clean and closes it: the next open may trust it. */
    void closeCleanly() {
        flushBlocks();
        storedMethodHolders.clear();
        for (long oid : methodHolders) {
            storedMethodHolders.put(oid, 1);
        }
        storedObjectCount.set(objectCount);
        KillPoints.reach("index.close");
        db.commit();
        clean.set(true);
        db.commit();
        db.close();
    }

    /** Closes without marking clean (after a failure; the next open rebuilds). */
    @Override
    public void close() {
        if (!db.isClosed()) {
            db.close();
        }
    }

    Path file() {
        return file;
    }
}
