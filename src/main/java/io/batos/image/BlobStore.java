package io.batos.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A content-addressed store of immutable blobs in one directory, each file named by the SHA-256 of
 * its bytes.
 *
 * <p>Why: large values (model weights, long documents) must not bloat the transaction log, and the
 * same bytes referenced from many slots should be stored once. Addressing by hash gives both, and
 * makes damage detectable ({@link #verify}) without any side table.
 *
 * <p>Layout: {@code dir/<first 2 hex>/<remaining 62 hex>}, so no single directory grows to hold
 * every blob; {@code dir/tmp/} holds puts in progress.
 *
 * <p>Contract:
 * <ul>
 *   <li>A blob is either wholly present or absent: {@link #put} writes a temp file, fsyncs it and
 *       only then renames it into place atomically, so a crash leaves at most a stray temp file,
 *       which the next construction removes. A final file is therefore never partial.</li>
 *   <li>{@code put} streams through one fixed 64 KiB buffer; memory does not grow with the blob.</li>
 *   <li>Thread-safe: every put writes its own temp file, and concurrent puts of the same content
 *       all succeed with the same {@link BlobRef}.</li>
 *   <li>Only one store may be open over a directory at a time (the image lock guarantees this):
 *       construction deletes whatever is in {@code tmp/}, which would include another store's
 *       puts in progress.</li>
 *   <li>{@link #delete} is for pack and must not race with a put or reader of the same blob;
 *       ordering those is the caller's job.</li>
 *   <li>Failures are {@link ImageException}s: {@code NOT_FOUND} for an absent blob,
 *       {@code VERIFY_FAILED} for a damaged one, {@code ERROR} for I/O failures.</li>
 * </ul>
 */
public final class BlobStore {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final String TMP = "tmp";

    private final Path dir;
    private final Path tmp;

    /**
     * Opens (creating if needed) the store in {@code dir} and removes temp files left by a put that
     * crashed.
     *
     * @throws ImageException {@code ERROR} if the directories cannot be created or cleaned
     */
    public BlobStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        this.tmp = this.dir.resolve(TMP);
        try {
            Files.createDirectories(tmp);
            // Anything here is from a put that never reached its rename: it is referenced by
            // nothing and would otherwise leak disk space forever.
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR,
                    "cannot open blob store " + this.dir + ": " + reason(e), e);
        }
    }

    /** The directory this store lives in. */
    public Path dir() {
        return dir;
    }

    /**
     * Stores the bytes of {@code in} (read to its end, not closed) and returns their reference.
     *
     * <p>Storing content that is already present returns the same reference and leaves one copy.
     * When this returns, the blob is durable: its bytes and its directory entry have been fsynced
     * (the latter as far as the platform allows).
     *
     * @throws ImageException {@code ERROR} if reading {@code in} or writing the store fails; no
     *                        partial blob is left behind
     */
    public BlobRef put(InputStream in) {
        Objects.requireNonNull(in, "in");
        Path temp = null;
        try {
            temp = Files.createTempFile(tmp, "put-", ".tmp");
            MessageDigest digest = sha256();
            byte[] buffer = new byte[BUFFER_SIZE];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    digest.update(buffer, 0, n);
                    wrapped.clear().limit(n);
                    while (wrapped.hasRemaining()) {
                        out.write(wrapped);
                    }
                    size += n;
                }
                // The rename below must never publish a name whose bytes could still be lost.
                out.force(true);
            }
            BlobRef ref = new BlobRef(HexFormat.of().formatHex(digest.digest()), size);
            Path target = finalPath(ref);
            if (isIntact(target, size)) {
                Files.delete(temp);
            } else {
                Files.createDirectories(target.getParent());
                moveIntoPlace(temp, target);
                fsyncDirectory(target.getParent());
            }
            temp = null;
            return ref;
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot store blob: " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The next construction removes it; the original failure is what matters.
                }
            }
        }
    }

    /**
     * Stores the contents of {@code file}; see {@link #put(InputStream)}.
     *
     * @throws ImageException {@code NOT_FOUND} if {@code file} does not exist, {@code ERROR} on
     *                        other I/O failures
     */
    public BlobRef put(Path file) {
        Objects.requireNonNull(file, "file");
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "no file " + file, e);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot store blob: " + reason(e), e);
        }
        try (in) {
            return put(in);
        } catch (IOException e) {
            // Only close() can get here; the blob is already stored and durable.
            throw new ImageException(ImageException.Code.ERROR, "cannot store blob: " + reason(e), e);
        }
    }

    /**
     * Opens the blob's bytes for reading; the caller closes the stream.
     *
     * @throws ImageException {@code NOT_FOUND} "no blob &lt;sha&gt;" if it is absent
     */
    public InputStream open(BlobRef ref) {
        try {
            return Files.newInputStream(finalPath(ref));
        } catch (NoSuchFileException e) {
            throw notFound(ref);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR,
                    "cannot open blob " + ref.sha256() + ": " + reason(e), e);
        }
    }

    /**
     * The file holding the blob, for callers that need a path (memory-mapping model weights, handing
     * a file to a native library). The file must be treated as read-only.
     *
     * @throws ImageException {@code NOT_FOUND} if it is absent
     */
    public Path path(BlobRef ref) {
        Path path = finalPath(ref);
        if (!Files.isRegularFile(path)) {
            throw notFound(ref);
        }
        return path;
    }

    /** Whether a blob with this hash is stored (the hash alone is the address). */
    public boolean contains(BlobRef ref) {
        return Files.isRegularFile(finalPath(ref));
    }

    /**
     * Every blob stored, ordered by hash, each with its size as the file's size.
     *
     * <p>Files in the store directory that do not fit the layout (temp files, strays) are ignored.
     *
     * @throws ImageException {@code ERROR} if the directory cannot be read
     */
    public Set<BlobRef> list() {
        List<BlobRef> refs = new ArrayList<>();
        try (DirectoryStream<Path> fanOuts = Files.newDirectoryStream(dir, BlobStore::isFanOutDir)) {
            for (Path fanOut : fanOuts) {
                String prefix = fanOut.getFileName().toString();
                try (DirectoryStream<Path> blobs = Files.newDirectoryStream(fanOut)) {
                    for (Path blob : blobs) {
                        String rest = blob.getFileName().toString();
                        if (!rest.matches("[0-9a-f]{62}") || !Files.isRegularFile(blob)) {
                            continue;
                        }
                        try {
                            refs.add(new BlobRef(prefix + rest, Files.size(blob)));
                        } catch (NoSuchFileException deletedMeanwhile) {
                            // A concurrent delete: the blob is simply not there any more.
                        }
                    }
                } catch (NoSuchFileException deletedMeanwhile) {
                    // Same: a fan-out directory removed by someone else during the walk.
                }
            }
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR,
                    "cannot list blobs in " + dir + ": " + reason(e), e);
        }
        refs.sort(Comparator.comparing(BlobRef::sha256));
        return Collections.unmodifiableSet(new LinkedHashSet<>(refs));
    }

    /**
     * Removes the blob; removing an absent blob does nothing, so an interrupted pack can simply run
     * again.
     *
     * @throws ImageException {@code ERROR} if the file exists but cannot be deleted
     */
    public void delete(BlobRef ref) {
        try {
            Files.deleteIfExists(finalPath(ref));
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR,
                    "cannot delete blob " + ref.sha256() + ": " + reason(e), e);
        }
    }

    /**
     * Re-reads the blob and checks that its bytes still hash to its name and that its size matches
     * {@code ref}; returns the size read.
     *
     * @throws ImageException {@code NOT_FOUND} if it is absent, {@code VERIFY_FAILED} if the hash
     *                        or the size disagrees, {@code ERROR} if it cannot be read
     */
    public long verify(BlobRef ref) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        try (InputStream in = Files.newInputStream(finalPath(ref))) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (NoSuchFileException e) {
            throw notFound(ref);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR,
                    "cannot read blob " + ref.sha256() + ": " + reason(e), e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(ref.sha256()) || size != ref.size()) {
            throw new ImageException(ImageException.Code.VERIFY_FAILED,
                    "blob " + ref.sha256() + " is damaged: expected " + ref.size()
                            + " bytes, found " + size + " bytes hashing to " + actual);
        }
        return size;
    }

    private Path finalPath(BlobRef ref) {
        Objects.requireNonNull(ref, "ref");
        // BlobRef guarantees 64 lower-case hex digits, so this can never escape the store.
        String sha = ref.sha256();
        return dir.resolve(sha.substring(0, 2)).resolve(sha.substring(2));
    }

    /**
     * Whether a stored copy can stand in for the one just written. Final files only ever appear by
     * atomic rename of a complete, fsynced file, so the size check only catches outside damage
     * (truncation); in that case the fresh copy replaces it rather than being thrown away.
     */
    private static boolean isIntact(Path target, long size) throws IOException {
        try {
            return Files.isRegularFile(target) && Files.size(target) == size;
        } catch (NoSuchFileException deletedMeanwhile) {
            return false;
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            // On POSIX this is rename(2), which replaces an existing target atomically; a
            // concurrent put of the same bytes winning the race is therefore harmless.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Platforms whose atomic move refuses to replace: the other put stored the same
            // content under the same name, which is exactly the outcome wanted.
            Files.deleteIfExists(temp);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically within " + target.getParent(), e);
        }
    }

    /**
     * Makes the new directory entry durable. Best effort: some platforms (Windows) cannot open a
     * directory as a channel; there the rename is as durable as the file system makes it.
     */
    private static void fsyncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // See above: not every platform supports it, and the blob itself is already fsynced.
        }
    }

    private static boolean isFanOutDir(Path path) {
        return path.getFileName().toString().matches("[0-9a-f]{2}") && Files.isDirectory(path);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException(e);
        }
    }

    private static ImageException notFound(BlobRef ref) {
        return new ImageException(ImageException.Code.NOT_FOUND, "no blob " + ref.sha256());
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
