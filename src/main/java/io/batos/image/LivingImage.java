package io.batos.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An open image directory: the log, its index, the blob store and the lock, with transactions on
 * top. I am the GemStone repository or the ZODB storage of this system.
 *
 * <pre>{@code
 * try (LivingImage image = LivingImage.open(dir, OpenMode.CREATE)) {
 *     long txId = image.inTransaction("greet", tx -> {
 *         tx.set(LivingImage.ROOT_OID, "greeting", "hello");
 *         return null;
 *     });
 * }
 * }</pre>
 *
 * <p>The log is the truth; opening checks its tail, then brings the index up to the log's last
 * transaction without reading the rest (open time does not grow with the image). Commits are
 * serialized and share one fsync when they arrive together (group commit). One instance per image
 * directory per JVM: Java file locks are per process, and closing any channel on a locked file
 * would drop the lock, so a second in-process open is refused instead of re-opening files.
 */
public final class LivingImage implements AutoCloseable {
    /** The root of reachability; genesis hangs the lobby and its own bookkeeping here. */
    public static final long ROOT_OID = 0L;
    /** The slot holding an object's parents; it counts as a slot for conflicts and shape. */
    public static final String PARENTS_SLOT = "parents";
    /** Commit attempts made by {@link #inTransaction} before a conflict is passed on. */
    public static final int DEFAULT_ATTEMPTS = 3;

    private static final Map<Path, LivingImage> OPEN = new ConcurrentHashMap<>();
    /** Decoded latest states kept on the heap ({@code -Dbatos.image.cachedStates}; tests make it tiny). */
    private static final int CACHE_LIMIT = Integer.getInteger("batos.image.cachedStates", 200_000);

    /** Whether {@link #open} may create an image. */
    public enum OpenMode { EXISTING, CREATE }

    /** Progress of a long index rebuild, for people watching. */
    public interface Progress {
        /**
         * Called every thousand records or so and once at the end.
         *
         * @param records    log records replayed so far
         * @param objects    object states indexed so far
         * @param bytes      log bytes replayed so far
         * @param totalBytes the log's size
         */
        void replayed(long records, long objects, long bytes, long totalBytes);

        Progress NONE = (records, objects, bytes, total) -> { };
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final BlobStore blobs;
    private LogFile log;
    private IndexStore index;
    private final OpenReport openReport;

    private volatile Head head;
    private final AtomicLong nextOid;
    private final ConcurrentHashMap<Long, CommittedState> cache = new ConcurrentHashMap<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<CommitRequest> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantReadWriteLock storeLock = new ReentrantReadWriteLock();
    private final Set<Transaction> active = ConcurrentHashMap.newKeySet();
    private final List<CommitCheck> commitChecks = new CopyOnWriteArrayList<>();
    private final List<CommitListener> commitListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** The last commit, the last commit that changed any object's shape, and the log's end. */
    private record Head(long lastTx, long shapeTx, long logEnd) {
    }

    private LivingImage(Path dir, FileChannel lockChannel, FileLock lock, Progress progress, boolean create)
            throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        Files.createDirectories(dir.resolve("vessel"));
        this.blobs = new BlobStore(dir.resolve("blobs"));
        Path logPath = dir.resolve("image.log");
        boolean created = !Files.exists(logPath);
        if (created && !create) {
            throw noImage(dir);
        }
        this.log = LogFile.open(logPath);
        Recovered recovered = recoverIndex(progress);
        this.nextOid = new AtomicLong(Math.max(recovered.maxOid + 1, index.nextOid()));
        this.head = new Head(recovered.lastTx, recovered.lastTx, log.end());
        this.openReport = new OpenReport(created, recovered.recovery.truncatedBytes(),
                recovered.recovery.reason(), recovered.rebuildReason, recovered.replayed, recovered.millis);
        if (recovered.lastTx == 0) {
            try (Transaction tx = begin("image created", "genesis")) {
                long root = tx.create();
                if (root != ROOT_OID) {
                    throw new ImageException(ImageException.Code.VERIFY_FAILED,
                            "the log holds no transaction but objects were allocated");
                }
                tx.set(ROOT_OID, "created", java.time.Instant.now().toString());
                tx.commit();
            }
        }
    }

    /**
     * Opens (or, with {@link OpenMode#CREATE}, creates) the image in {@code dir}.
     *
     * @throws ImageException NOT_FOUND when there is no image and CREATE was not asked; LOCKED when
     *                        another process or this one has it open; VERIFY_FAILED for damage no
     *                        crash explains
     */
    public static LivingImage open(Path dir, OpenMode mode) {
        return open(dir, mode, Progress.NONE);
    }

    /** Opens with a listener for index rebuild progress. */
    public static LivingImage open(Path dir, OpenMode mode, Progress progress) {
        Path key = dir.toAbsolutePath().normalize();
        if (mode == OpenMode.EXISTING && !Files.exists(key.resolve("image.log"))) {
            throw noImage(dir);
        }
        synchronized (OPEN) {
            if (OPEN.containsKey(key)) {
                throw new ImageException(ImageException.Code.LOCKED,
                        "image " + dir + " is in use by pid " + ProcessHandle.current().pid() + " (this process)");
            }
            FileChannel channel = null;
            try {
                Files.createDirectories(key);
                channel = FileChannel.open(key.resolve("image.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    String holder = readPid(channel);
                    channel.close();
                    throw new ImageException(ImageException.Code.LOCKED,
                            "image " + dir + " is in use by pid " + holder);
                }
                byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(pid), 0);
                channel.force(false);
                LivingImage image = new LivingImage(key, channel, lock, progress, mode == OpenMode.CREATE);
                OPEN.put(key, image);
                return image;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new ImageException(ImageException.Code.ERROR, "cannot open image " + dir + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }
    }

    private static ImageException noImage(Path dir) {
        return new ImageException(ImageException.Code.NOT_FOUND,
                "no image at " + dir + " (create it with `batos image init`)");
    }

    private static String readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? "unknown" : text;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already failing with a better exception
            }
        }
    }

    private static final class Recovered {
        LogFile.Recovery recovery;
        String rebuildReason;
        long replayed;
        long millis;
        long lastTx;
        long maxOid = -1;
    }

    private Recovered recoverIndex(Progress progress) throws IOException {
        Path indexPath = dir.resolve("index.db");
        Recovered result = new Recovered();
        IndexStore existing = IndexStore.openExisting(indexPath);
        long from;
        if (existing == null) {
            result.rebuildReason = Files.exists(indexPath) ? "index unreadable" : "index missing";
        } else if (!existing.wasClean()) {
            result.rebuildReason = "not closed cleanly";
        } else if (existing.logEnd() < LogFile.HEADER_SIZE || existing.logEnd() > log.end()) {
            result.rebuildReason = "index ahead of the log";
        }
        if (result.rebuildReason == null) {
            index = existing;
            from = existing.logEnd();
            result.lastTx = existing.lastTx();
        } else {
            closeQuietly(existing);
            index = IndexStore.create(indexPath);
            from = LogFile.HEADER_SIZE;
        }
        long started = System.nanoTime();
        long total = log.end();
        long[] lastTx = {result.lastTx};
        long[] maxOid = {-1};
        long[] count = {0};
        long[] states = {0};
        result.recovery = log.recover(from, record -> {
            if (record.txId() <= lastTx[0]) {
                throw new ImageException(ImageException.Code.VERIFY_FAILED, "log transaction ids go backwards at offset "
                        + record.offset() + " (" + record.txId() + " after " + lastTx[0] + ")");
            }
            for (LogRecord.Entry entry : record.entries()) {
                index.putObject(entry.oid(), entry.offset());
                index.markMethodHolder(entry.oid(), StateCodec.mayHoldMethod(entry.state()));
                maxOid[0] = Math.max(maxOid[0], entry.oid());
            }
            states[0] += record.entries().size();
            index.putTransaction(record.txId(), record.offset());
            lastTx[0] = record.txId();
            index.setPosition(record.txId(), record.end());
            if (++count[0] % 1024 == 0) {
                progress.replayed(count[0], states[0], record.end(), total);
            }
            return true;
        });
        index.setPosition(lastTx[0], log.end());
        result.lastTx = lastTx[0];
        result.replayed = count[0];
        result.millis = (System.nanoTime() - started) / 1_000_000;
        result.maxOid = Math.max(maxOid[0], index.nextOid() - 1);
        progress.replayed(count[0], states[0], log.end(), total);
        return result;
    }

    // ------------------------------------------------------------------ transactions

    /** Begins a transaction on the latest commit, with origin {@code api}. */
    public Transaction begin(String note) {
        return begin(note, "api");
    }

    /** Begins a transaction on the latest commit; {@code origin} says what started it. */
    public Transaction begin(String note, String origin) {
        checkOpen();
        Head current = head;
        Transaction tx = new Transaction(this, current.lastTx, current.shapeTx, note, origin);
        active.add(tx);
        return tx;
    }

    /**
     * Runs {@code work} in a transaction and commits it, retrying on {@link ConflictException} up to
     * {@link #DEFAULT_ATTEMPTS} times (the work must be safe to repeat); any other failure aborts.
     */
    public <T> T inTransaction(String note, Function<Transaction, T> work) {
        return inTransaction(note, "api", DEFAULT_ATTEMPTS, work);
    }

    /** {@link #inTransaction(String, Function)} with an origin. */
    public <T> T inTransaction(String note, String origin, Function<Transaction, T> work) {
        return inTransaction(note, origin, DEFAULT_ATTEMPTS, work);
    }

    /** {@link #inTransaction(String, Function)} with an origin and an attempt bound. */
    public <T> T inTransaction(String note, String origin, int attempts, Function<Transaction, T> work) {
        ConflictException last = null;
        for (int attempt = 0; attempt < Math.max(1, attempts); attempt++) {
            try (Transaction tx = begin(note, origin)) {
                T result = work.apply(tx);
                if (tx.isOpen()) {
                    tx.commit();
                }
                return result;
            } catch (ConflictException e) {
                last = e;
            }
        }
        throw last;
    }

    void ended(Transaction tx) {
        active.remove(tx);
    }

    long allocateOid() {
        return nextOid.getAndIncrement();
    }

    /** The newest transaction id. */
    public long lastTx() {
        return head.lastTx;
    }

    /** The newest transaction that added or removed a slot or changed parents anywhere. */
    public long shapeEpoch() {
        return head.shapeTx;
    }

    public Path directory() {
        return dir;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** What opening had to do (torn tail cut, index rebuilt or caught up). */
    public OpenReport openReport() {
        return openReport;
    }

    // ------------------------------------------------------------------ reading

    /** The object's state as of {@code snapshot}, or null when it did not exist then. */
    CommittedState readAt(long oid, long snapshot) {
        storeLock.readLock().lock();
        try {
            CommittedState state = latest(oid);
            while (state != null && state.serial() > snapshot) {
                state = state.prevOffset() < 0 ? null : CommittedState.decode(log.readEntry(state.prevOffset()));
            }
            return state;
        } finally {
            storeLock.readLock().unlock();
        }
    }

    private CommittedState latest(long oid) {
        CommittedState cached = cache.get(oid);
        if (cached != null) {
            return cached;
        }
        long offset = index.objectOffset(oid);
        if (offset < 0) {
            return null;
        }
        CommittedState state = CommittedState.decode(log.readEntry(offset));
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        return cache.merge(oid, state, LivingImage::newer);
    }

    private static CommittedState newer(CommittedState a, CommittedState b) {
        return a.serial() >= b.serial() ? a : b;
    }

    /**
     * The object's slots as of transaction {@code txId} (a fresh copy), or null when it did not
     * exist then.
     */
    public Map<String, Object> stateAt(long oid, long txId) {
        CommittedState state = readAt(oid, txId);
        return state == null ? null : copySlots(state.slots());
    }

    private static Map<String, Object> copySlots(Map<String, Object> slots) {
        Map<String, Object> copy = new LinkedHashMap<>();
        slots.forEach((k, v) -> copy.put(k, Values.deepCopy(v)));
        return copy;
    }

    /** The transactions that wrote an object, newest first. */
    public List<Long> revisions(long oid) {
        storeLock.readLock().lock();
        try {
            List<Long> serials = new ArrayList<>();
            CommittedState state = latest(oid);
            while (state != null) {
                serials.add(state.serial());
                state = state.prevOffset() < 0 ? null : CommittedState.decode(log.readEntry(state.prevOffset()));
            }
            return serials;
        } finally {
            storeLock.readLock().unlock();
        }
    }

    /** Every transaction, oldest first. */
    public List<TxInfo> history() {
        List<TxInfo> result = new ArrayList<>();
        storeLock.readLock().lock();
        try {
            log.scan(LogFile.HEADER_SIZE, record -> {
                result.add(TxInfo.of(record));
                return true;
            });
        } finally {
            storeLock.readLock().unlock();
        }
        return result;
    }

    /** One transaction, or NOT_FOUND. */
    public TxInfo transaction(long txId) {
        return TxInfo.of(record(txId));
    }

    private LogRecord record(long txId) {
        storeLock.readLock().lock();
        try {
            long offset = index.transactionOffset(txId);
            if (offset < 0 || txId > head.lastTx) {
                throw new ImageException(ImageException.Code.NOT_FOUND, "no transaction " + txId);
            }
            LogFile.ReadResult result = log.readRecord(offset, head.logEnd);
            if (!result.ok()) {
                throw new ImageException(ImageException.Code.VERIFY_FAILED,
                        "transaction " + txId + " is damaged: " + result.problem());
            }
            return result.record();
        } finally {
            storeLock.readLock().unlock();
        }
    }

    /** Figures for {@code image info}. */
    public ImageInfo info() {
        storeLock.readLock().lock();
        try {
            long blobCount = 0;
            long blobBytes = 0;
            for (BlobRef ref : blobs.list()) {
                blobCount++;
                blobBytes += ref.size();
            }
            Head current = head;
            return new ImageInfo(dir.toString(), index.objectCount(), index.transactionCount(), current.lastTx,
                    current.logEnd, blobCount, blobBytes);
        } finally {
            storeLock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ committing

    /**
     * Adds a check that every later commit of this image must pass before anything is written
     * (see {@link CommitCheck}); checks run in the order they were added.
     */
    public void addCommitCheck(CommitCheck check) {
        commitChecks.add(Objects.requireNonNull(check, "check"));
    }

    /**
     * Runs the commit checks on a final write set; an image without checks (the store's own tests
     * and benchmarks) pays one emptiness test, and the oid list is built only when someone reads it.
     */
    /**
     * Adds a listener told of every commit once it is durable (see {@link CommitListener}); undo's
     * commits included, pack's rewrite not (it changes no object's state).
     */
    public void addCommitListener(CommitListener listener) {
        commitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void checkCommit(Transaction tx, List<Change> changes) {
        if (commitChecks.isEmpty()) {
            return;
        }
        List<Long> oids = new ArrayList<>(changes.size());
        for (Change change : changes) {
            oids.add(change.oid());
        }
        List<Long> changed = Collections.unmodifiableList(oids);
        for (CommitCheck check : commitChecks) {
            check.check(tx, changed);
        }
    }

    /** One object's changes in a commit: the state it was read from and the slots it wrote. */
    record Change(long oid, CommittedState base, Map<String, Object> writes) {
    }

    private static final class CommitRequest {
        final Transaction tx;
        final List<Change> changes;
        final CountDownLatch finished = new CountDownLatch(1);
        long txId;
        long time;
        RuntimeException failure;
        volatile boolean done;

        CommitRequest(Transaction tx, List<Change> changes) {
            this.tx = tx;
            this.changes = changes;
        }
    }

    /**
     * Group commit, leader and followers: whoever gets the commit lock commits everything queued
     * with one append and one fsync, and keeps going while more arrives; the others wait on their
     * own request, not on the lock, so the requests that queue up during one fsync share the next.
     * Whoever releases the lock looks at the queue again, so no request is left behind.
     */
    long commit(Transaction tx, List<Change> changes) {
        checkOpen();
        CommitRequest request = new CommitRequest(tx, changes);
        pending.add(request);
        while (!request.done) {
            if (commitLock.tryLock()) {
                try {
                    while (!pending.isEmpty()) {
                        processBatch();
                    }
                } finally {
                    commitLock.unlock();
                }
            } else {
                try {
                    request.finished.await(2, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ImageException(ImageException.Code.ERROR, "interrupted while waiting for a commit");
                }
            }
        }
        if (request.failure != null) {
            throw request.failure;
        }
        if (!commitListeners.isEmpty()) {
            TxInfo info = new TxInfo(request.txId, Instant.ofEpochMilli(request.time), tx.note(), tx.origin(),
                    changes.stream().map(Change::oid).toList());
            for (CommitListener listener : commitListeners) {
                try {
                    listener.committed(info);
                } catch (RuntimeException e) {
                    // A listener only hears of a commit that stands; its failure is its own.
                }
            }
        }
        return request.txId;
    }

    /** Commits everything queued, in arrival order, with one append and one fsync. */
    private void processBatch() {
        List<CommitRequest> batch = new ArrayList<>();
        for (CommitRequest request; (request = pending.poll()) != null; ) {
            batch.add(request);
        }
        Head start = head;
        long txId = start.lastTx;
        long position = start.logEnd;
        long shapeTx = start.shapeTx;
        Map<Long, CommittedState> newest = new HashMap<>();
        List<ByteBuffer> records = new ArrayList<>();
        List<CommitRequest> accepted = new ArrayList<>();
        List<List<CommittedState>> written = new ArrayList<>();
        List<Long> recordOffsets = new ArrayList<>();
        for (CommitRequest request : batch) {
            try {
                List<LogFile.PendingEntry> entries = new ArrayList<>(request.changes.size());
                List<Map<String, Object>> states = new ArrayList<>(request.changes.size());
                boolean shapeChanged = false;
                for (Change change : request.changes) {
                    CommittedState current = newest.containsKey(change.oid())
                            ? newest.get(change.oid()) : latest(change.oid());
                    Map<String, Object> slots = merge(request.tx, change, current);
                    if (current != null && !shapeChanged) {
                        shapeChanged = !current.slots().keySet().equals(slots.keySet())
                                || !Objects.equals(current.slots().get(PARENTS_SLOT), slots.get(PARENTS_SLOT));
                    }
                    entries.add(new LogFile.PendingEntry(change.oid(), current == null ? -1 : current.offset(),
                            StateCodec.encode(slots)));
                    states.add(slots);
                }
                long id = txId + 1;
                long[] offsets = new long[entries.size()];
                request.time = System.currentTimeMillis();
                ByteBuffer record = LogFile.encodeRecord(position, id, request.time,
                        request.tx.note(), request.tx.origin(), entries, offsets);
                List<CommittedState> committed = new ArrayList<>(entries.size());
                for (int i = 0; i < entries.size(); i++) {
                    CommittedState state = new CommittedState(entries.get(i).oid(), id, offsets[i],
                            entries.get(i).prevOffset(), states.get(i));
                    committed.add(state);
                    newest.put(state.oid(), state);
                }
                txId = id;
                if (shapeChanged) {
                    shapeTx = id;
                }
                recordOffsets.add(position);
                position += record.remaining();
                records.add(record);
                accepted.add(request);
                request.txId = id;
                written.add(committed);
            } catch (RuntimeException e) {
                request.failure = e;
            }
        }
        if (!records.isEmpty()) {
            try {
                log.append(records);
                log.force();
            } catch (IOException | RuntimeException e) {
                ImageException failure = new ImageException(ImageException.Code.ERROR,
                        "commit failed, nothing written: " + e.getMessage(), e);
                for (CommitRequest request : accepted) {
                    request.failure = failure;
                    request.txId = 0;
                }
                accepted.clear();
                written.clear();
            }
        }
        KillPoints.reach("commit.afterAppend");
        for (int r = 0; r < accepted.size(); r++) {
            for (CommittedState state : written.get(r)) {
                index.putObject(state.oid(), state.offset());
                index.markMethodHolder(state.oid(), holdsMethod(state.slots()));
                KillPoints.reach("index.update");
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.merge(state.oid(), state, LivingImage::newer);
            }
            index.putTransaction(accepted.get(r).txId, recordOffsets.get(r));
        }
        if (!accepted.isEmpty()) {
            index.setPosition(txId, position);
            head = new Head(txId, shapeTx, position);
        }
        for (CommitRequest request : batch) {
            request.done = true;
            request.finished.countDown();
        }
    }

    private static boolean holdsMethod(Map<String, Object> slots) {
        for (Object value : slots.values()) {
            if (value instanceof MethodSource) {
                return true;
            }
        }
        return false;
    }

    /**
     * The objects whose latest state may hold a method slot (a superset: check the slots), so the
     * code layer can compile every method of an image in one batch without reading every object.
     */
    public long[] methodHolders() {
        storeLock.readLock().lock();
        try {
            return index.methodHolders();
        } finally {
            storeLock.readLock().unlock();
        }
    }

    /** The new state of one object: the newest committed slots with this transaction's writes. */
    private static Map<String, Object> merge(Transaction tx, Change change, CommittedState current) {
        Map<String, Object> slots;
        if (change.base() == null) {
            slots = new LinkedHashMap<>();
        } else {
            if (current == null) {
                throw new ImageException(ImageException.Code.CONFLICT,
                        "conflict: @" + change.oid() + " no longer exists (packed away)");
            }
            if (current.serial() != change.base().serial()) {
                for (String slot : change.writes().keySet()) {
                    Object before = change.base().slots().containsKey(slot)
                            ? change.base().slots().get(slot) : Transaction.REMOVED;
                    Object now = current.slots().containsKey(slot) ? current.slots().get(slot) : Transaction.REMOVED;
                    if (!Values.deepEquals(before, now)) {
                        throw new ConflictException(change.oid(), slot, tx.snapshot(), current.serial());
                    }
                }
            }
            slots = new LinkedHashMap<>(current.slots());
        }
        for (Map.Entry<String, Object> write : change.writes().entrySet()) {
            if (write.getValue() == Transaction.REMOVED) {
                slots.remove(write.getKey());
            } else {
                slots.put(write.getKey(), write.getValue());
            }
        }
        return slots;
    }

    // ------------------------------------------------------------------ history tools

    /**
     * Undoes a transaction with a new one that restores the states before it.
     *
     * @return the id of the undoing transaction
     * @throws ImageException REJECTED when a later transaction changed the same objects
     */
    public long undo(long txId) {
        LogRecord record = record(txId);
        try (Transaction tx = begin("undo tx " + txId, "undo")) {
            for (LogRecord.Entry entry : record.entries()) {
                CommittedState now = readAt(entry.oid(), tx.snapshot());
                if (now == null || now.serial() != txId) {
                    throw new ImageException(ImageException.Code.REJECTED, "cannot undo tx " + txId + ": @"
                            + entry.oid() + " was changed later by tx " + (now == null ? "pack" : now.serial()));
                }
                Map<String, Object> before = entry.prevOffset() < 0 ? Map.of()
                        : CommittedState.decode(log.readEntry(entry.prevOffset())).slots();
                tx.replaceState(entry.oid(), before);
            }
            long undone = tx.commit();
            return undone;
        }
    }

    /**
     * Collapses history up to {@code keepAfter} (never past what an open transaction can read) into
     * one record and drops objects unreachable from the root.
     */
    public PackReport pack(long keepAfter) {
        checkOpen();
        commitLock.lock();
        storeLock.writeLock().lock();
        try {
            long bound = Math.min(keepAfter, head.lastTx);
            for (Transaction tx : active) {
                bound = Math.min(bound, tx.snapshot());
            }
            Packer packer = new Packer(log, bound);
            long before = log.end();
            Path packed = dir.resolve("image.log.pack");
            Packer.Result result = packer.writeTo(packed);
            log.close();
            Files.move(packed, dir.resolve("image.log"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            log = LogFile.open(dir.resolve("image.log"));
            index.close();
            index = IndexStore.create(dir.resolve("index.db"));
            cache.clear();
            Recovered recovered = recoverIndex(Progress.NONE);
            head = new Head(recovered.lastTx, recovered.lastTx, log.end());
            return new PackReport(bound, result.removedObjects(), result.removedRecords(), before, log.end());
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "pack failed: " + e.getMessage(), e);
        } finally {
            storeLock.writeLock().unlock();
            commitLock.unlock();
        }
    }

    /**
     * Writes a consistent copy of this live image to {@code destination}: the log up to the last
     * commit and every blob the copied states reference. Commits may continue meanwhile.
     */
    public BackupReport backup(Path destination) {
        checkOpen();
        storeLock.readLock().lock();
        try {
            if (Files.exists(destination.resolve("image.log"))) {
                throw new ImageException(ImageException.Code.USAGE, "backup destination " + destination
                        + " already holds an image");
            }
            Files.createDirectories(destination);
            Head at = head;
            Path temp = destination.resolve("image.log.tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                log.copyPrefix(at.logEnd, out);
                out.force(true);
            }
            Files.move(temp, destination.resolve("image.log"), StandardCopyOption.ATOMIC_MOVE);
            Set<BlobRef> referenced = new HashSet<>();
            scanPrefix(at.logEnd, record -> {
                for (LogRecord.Entry entry : record.entries()) {
                    StateCodec.decode(entry.state()).values().forEach(v -> Values.collectBlobs(v, referenced::add));
                }
            });
            BlobStore target = new BlobStore(destination.resolve("blobs"));
            long copied = 0;
            for (BlobRef ref : referenced) {
                if (blobs.contains(ref) && !target.contains(ref)) {
                    target.put(blobs.path(ref));
                    copied++;
                }
            }
            return new BackupReport(destination, at.lastTx, at.logEnd, copied);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "backup failed: " + e.getMessage(), e);
        } finally {
            storeLock.readLock().unlock();
        }
    }

    private void scanPrefix(long limit, Consumer<LogRecord> visitor) {
        long position = LogFile.HEADER_SIZE;
        while (position < limit) {
            LogFile.ReadResult result = log.readRecord(position, limit);
            if (!result.ok()) {
                throw new ImageException(ImageException.Code.VERIFY_FAILED,
                        "damaged record at offset " + position + ": " + result.problem());
            }
            visitor.accept(result.record());
            position = result.record().end();
        }
    }

    /**
     * Reads the whole log back and compares it with the index: every checksum, every state, every
     * referenced blob. Recovery has already run (opening does it); its report is included.
     */
    public VerifyReport verify() {
        checkOpen();
        commitLock.lock();
        storeLock.readLock().lock();
        try {
            List<String> problems = new ArrayList<>();
            Map<Long, Long> objects = new HashMap<>();
            Map<Long, Long> transactions = new HashMap<>();
            Set<BlobRef> referenced = new LinkedHashSet<>();
            long[] records = {0};
            long[] lastTx = {0};
            try {
                scanPrefix(log.end(), record -> {
                    records[0]++;
                    if (record.txId() <= lastTx[0]) {
                        problems.add("transaction ids go backwards at offset " + record.offset());
                    }
                    lastTx[0] = record.txId();
                    transactions.put(record.txId(), record.offset());
                    for (LogRecord.Entry entry : record.entries()) {
                        Long previous = objects.put(entry.oid(), entry.offset());
                        long expectedPrev = previous == null ? -1 : previous;
                        if (entry.prevOffset() != expectedPrev && !"pack".equals(record.origin())) {
                            problems.add("@" + entry.oid() + " in tx " + record.txId()
                                    + " points back to offset " + entry.prevOffset() + ", expected " + expectedPrev);
                        }
                        try {
                            StateCodec.decode(entry.state()).values()
                                    .forEach(v -> Values.collectBlobs(v, referenced::add));
                        } catch (ImageException e) {
                            problems.add("@" + entry.oid() + " in tx " + record.txId() + ": " + e.getMessage());
                        }
                    }
                });
            } catch (ImageException e) {
                problems.add(e.getMessage());
            }
            if (lastTx[0] != head.lastTx) {
                problems.add("the log ends at tx " + lastTx[0] + " but the image says " + head.lastTx);
            }
            if (index.objectCount() != objects.size()) {
                problems.add("the index has " + index.objectCount() + " objects, the log " + objects.size());
            }
            objects.forEach((oid, offset) -> {
                long indexed = index.objectOffset(oid);
                if (indexed != offset) {
                    problems.add("the index places @" + oid + " at " + indexed + ", the log at " + offset);
                }
            });
            if (index.transactionCount() != transactions.size()) {
                problems.add("the index has " + index.transactionCount() + " transactions, the log "
                        + transactions.size());
            }
            transactions.forEach((tx, offset) -> {
                if (index.transactionOffset(tx) != offset) {
                    problems.add("the index places tx " + tx + " at " + index.transactionOffset(tx)
                            + ", the log at " + offset);
                }
            });
            for (BlobRef ref : referenced) {
                if (!blobs.contains(ref)) {
                    problems.add("blob " + ref.sha256() + " is referenced but missing");
                }
            }
            return new VerifyReport(records[0], objects.size(), problems, openReport);
        } finally {
            storeLock.readLock().unlock();
            commitLock.unlock();
        }
    }

    /** Every oid reachable from the root in the current state (used by pack's tests and tools). */
    public Set<Long> reachable() {
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(ROOT_OID));
        while (!todo.isEmpty()) {
            long oid = todo.pop();
            if (!seen.add(oid)) {
                continue;
            }
            CommittedState state = readAt(oid, Long.MAX_VALUE);
            if (state != null) {
                state.slots().values().forEach(v -> Values.collectRefs(v, todo::push));
            }
        }
        return seen;
    }

    // ------------------------------------------------------------------ closing

    private void checkOpen() {
        if (closed) {
            throw new ImageException(ImageException.Code.ERROR, "image " + dir + " is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the image: open transactions are abandoned (their changes were never written), the
     * index is flushed and marked clean, the lock released. Safe to call twice.
     */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            commitLock.lock();
            try {
                closed = true;
                RuntimeException failure = null;
                try {
                    index.setNextOid(nextOid.get());
                    index.setPosition(head.lastTx, head.logEnd);
                    index.closeCleanly();
                } catch (RuntimeException e) {
                    failure = e;
                    closeQuietly(index);
                }
                try {
                    log.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = new ImageException(ImageException.Code.ERROR, "closing the log: " + e.getMessage(), e);
                    }
                }
                try {
                    lock.release();
                    lockChannel.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = new ImageException(ImageException.Code.ERROR, "releasing the lock: " + e.getMessage(), e);
                    }
                }
                OPEN.remove(dir);
                if (failure != null) {
                    throw failure;
                }
            } finally {
                commitLock.unlock();
            }
        }
    }
}
