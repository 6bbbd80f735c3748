package io.batos.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mapdb.Atomic;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.IndexTreeLongLongMap;

/**
 * The current-state index in {@code index.db}: a MapDB materialized view of the log.
 *
 * <p>It maps each oid to the log offset of its latest state and each transaction id to its
 * record's offset, and remembers how far into the log it reflects. MapDB 3.1's own transactions are
 * not crash-safe (STACK.md), so they are off and this file is never the only copy of anything: it
 * is marked dirty while open and trusted on the next open only if it was closed cleanly; otherwise
 * {@link LivingImage} deletes and rebuilds it from the log.
 */
final class IndexStore implements AutoCloseable {
    private static final long ABSENT = -1;

    private final Path file;
    private final DB db;
    private final IndexTreeLongLongMap objects;
    private final IndexTreeLongLongMap transactions;
    private final IndexTreeLongLongMap methodHolders;
    private final Atomic.Long lastTx;
    private final Atomic.Long logEnd;
    private final Atomic.Long nextOid;
    private final Atomic.Boolean clean;
    private final boolean wasClean;

    private IndexStore(Path file, DB db) {
        this.file = file;
        this.db = db;
        this.objects = new DB.IndexTreeLongLongMapMaker(db, "objects").createOrOpen();
        this.transactions = new DB.IndexTreeLongLongMapMaker(db, "transactions").createOrOpen();
        this.methodHolders = new DB.IndexTreeLongLongMapMaker(db, "methodHolders").createOrOpen();
        this.lastTx = db.atomicLong("lastTx").createOrOpen();
        this.logEnd = db.atomicLong("logEnd").createOrOpen();
        this.nextOid = db.atomicLong("nextOid").createOrOpen();
        this.clean = db.atomicBoolean("clean").createOrOpen();
        this.wasClean = clean.get();
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
        return objects.getIfAbsent(oid, ABSENT);
    }

    void putObject(long oid, long entryOffset) {
        objects.put(oid, entryOffset);
    }

    void removeObject(long oid) {
        objects.remove(oid);
    }

    /** Records whether an object's latest state holds a method slot (a secondary index). */
    void markMethodHolder(long oid, boolean holds) {
        if (holds) {
            methodHolders.put(oid, 1);
        } else if (methodHolders.containsKey(oid)) {
            methodHolders.remove(oid);
        }
    }

    long[] methodHolders() {
        return methodHolders.keySet().toArray();
    }

    long transactionOffset(long txId) {
        return transactions.getIfAbsent(txId, ABSENT);
    }

    void putTransaction(long txId, long recordOffset) {
        transactions.put(txId, recordOffset);
    }

    int objectCount() {
        return objects.size();
    }

    int transactionCount() {
        return transactions.size();
    }

    IndexTreeLongLongMap objects() {
        return objects;
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
