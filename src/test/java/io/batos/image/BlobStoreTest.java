package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.testing.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void identicalContentIsStoredOnce(@TempDir Path sources) throws IOException {
        BlobStore store = new BlobStore(dir);
        byte[] content = randomBytes(100_000, 1);
        Path source = Files.write(sources.resolve("source"), content);

        BlobRef first = store.put(new ByteArrayInputStream(content));
        BlobRef second = store.put(source);

        assertThat(second).isEqualTo(first);
        assertThat(first).isEqualTo(new BlobRef(sha256(content), content.length));
        assertThat(store.list()).containsExactly(first);
        assertThat(blobFiles()).hasSize(1);
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void randomContentRoundTrips() throws IOException {
        BlobStore store = new BlobStore(dir);
        // Sizes around the 64 KiB buffer catch off-by-one errors in the copy loop.
        int[] sizes = {0, 1, 65_535, 65_536, 65_537, 3 * 65_536 + 17, 1 << 20};
        List<BlobRef> refs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] content = randomBytes(sizes[i], 100 + i);
            BlobRef ref = store.put(new ByteArrayInputStream(content));
            refs.add(ref);

            assertThat(ref).isEqualTo(new BlobRef(sha256(content), sizes[i]));
            try (InputStream in = store.open(ref)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            String sha = ref.sha256();
            assertThat(store.path(ref)).isEqualTo(dir.toAbsolutePath()
                    .resolve(sha.substring(0, 2)).resolve(sha.substring(2)));
            assertThat(store.contains(ref)).isTrue();
            assertThat(store.verify(ref)).isEqualTo(sizes[i]);
        }
        assertThat(store.list()).containsExactlyInAnyOrderElementsOf(refs);
        assertThat(tmpFiles()).isEmpty();

        // A new store over the same directory sees the same blobs.
        assertThat(new BlobStore(dir).list()).containsExactlyInAnyOrderElementsOf(refs);
    }

    @Test
    void concurrentPutsOfTheSameContentAllSucceed() throws Exception {
        BlobStore store = new BlobStore(dir);
        byte[] content = randomBytes(4 << 20, 7);
        BlobRef expected = new BlobRef(sha256(content), content.length);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                store.delete(expected);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<BlobRef>> puts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    puts.add(pool.submit(() -> {
                        start.await();
                        return store.put(new ByteArrayInputStream(content));
                    }));
                }
                for (Future<BlobRef> put : puts) {
                    assertThat(put.get()).isEqualTo(expected);
                }
                assertThat(store.list()).containsExactly(expected);
                assertThat(store.verify(expected)).isEqualTo(content.length);
                assertThat(tmpFiles()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leftoverTempFilesAreRemovedAtConstruction() throws IOException {
        BlobStore store = new BlobStore(dir);
        BlobRef kept = store.put(new ByteArrayInputStream(randomBytes(1000, 3)));
        Path leftover = Files.write(dir.resolve("tmp").resolve("put-crashed.tmp"), randomBytes(5000, 4));

        BlobStore reopened = new BlobStore(dir);

        assertThat(leftover).doesNotExist();
        assertThat(tmpFiles()).isEmpty();
        assertThat(reopened.list()).containsExactly(kept);
    }

    @Test
    void missingBlobIsNotFound() {
        BlobStore store = new BlobStore(dir);
        BlobRef missing = new BlobRef(sha256(new byte[] {1, 2, 3}), 3);

        assertThat(store.contains(missing)).isFalse();
        assertThatThrownBy(() -> store.open(missing))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.code()).isEqualTo(ImageException.Code.NOT_FOUND))
                .hasMessage("no blob " + missing.sha256());
        assertThatThrownBy(() -> store.path(missing))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.code()).isEqualTo(ImageException.Code.NOT_FOUND));
        assertThatThrownBy(() -> store.verify(missing))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.code()).isEqualTo(ImageException.Code.NOT_FOUND));
        assertThatThrownBy(() -> store.put(dir.resolve("no-such-file")))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.code()).isEqualTo(ImageException.Code.NOT_FOUND));
    }

    @Test
    void deleteRemovesTheBlobAndIsIdempotent() {
        BlobStore store = new BlobStore(dir);
        BlobRef a = store.put(new ByteArrayInputStream(randomBytes(10, 5)));
        BlobRef b = store.put(new ByteArrayInputStream(randomBytes(10, 6)));

        store.delete(a);
        store.delete(a);

        assertThat(store.contains(a)).isFalse();
        assertThat(store.list()).containsExactly(b);
    }

    @Test
    void listIgnoresFilesOutsideTheLayout() throws IOException {
        BlobStore store = new BlobStore(dir);
        BlobRef ref = store.put(new ByteArrayInputStream(randomBytes(10, 8)));
        Files.writeString(dir.resolve("README"), "stray");
        Files.createDirectories(dir.resolve("zz"));
        Files.writeString(dir.resolve(ref.sha256().substring(0, 2)).resolve("short"), "stray");

        assertThat(store.list()).containsExactly(ref);
    }

    @Test
    void verifyDetectsACorruptedBlob() throws IOException {
        BlobStore store = new BlobStore(dir);
        byte[] content = randomBytes(200_000, 9);
        BlobRef ref = store.put(new ByteArrayInputStream(content));
        Path file = store.path(ref);

        // Same size, one bit flipped: only the hash can tell.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(123_456);
            int b = raf.read();
            raf.seek(123_456);
            raf.write(b ^ 0x10);
        }
        assertThatThrownBy(() -> store.verify(ref))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.code()).isEqualTo(ImageException.Code.VERIFY_FAILED))
                .hasMessageContaining(ref.sha256());

        // Truncated: the size disagrees too.
        Files.write(file, Arrays.copyOf(content, 1000));
        assertThatThrownBy(() -> store.verify(ref))
                .isInstanceOfSatisfying(ImageException.class,
                        e -> assertThat(e.code()).isEqualTo(ImageException.Code.VERIFY_FAILED))
                .hasMessageContaining("1000 bytes");

        // Putting the good content again repairs the truncated copy rather than trusting it.
        assertThat(store.put(new ByteArrayInputStream(content))).isEqualTo(ref);
        assertThat(store.verify(ref)).isEqualTo(content.length);
    }

    @Test
    @Timeout(120)
    void streams256MiBThroughA32MiBHeap() {
        assertStreamsInSmallHeap(256, Duration.ofSeconds(110));
    }

    @Test
    @Tag("large")
    @Timeout(900)
    void streams2GiBThroughA32MiBHeap() {
        assertStreamsInSmallHeap(2048, Duration.ofSeconds(880));
    }

    private void assertStreamsInSmallHeap(int mebibytes, Duration timeout) {
        long size = (long) mebibytes << 20;
        try (ChildJvm.Running child = ChildJvm.main(StreamChild.class)
                .jvmArgs("-Xmx32m")
                .args(dir.toString(), Integer.toString(mebibytes))
                .start()) {
            int exitCode = child.waitFor(timeout);
            assertThat(exitCode).as("child exit code; stderr:\n%s", child.stderr()).isZero();

            String maxHeap = child.awaitLine(l -> l.startsWith("maxHeap "), Duration.ZERO);
            String stored = child.awaitLine(l -> l.startsWith("stored "), Duration.ZERO);
            String generated = child.awaitLine(l -> l.startsWith("generated "), Duration.ZERO);
            String readBack = child.awaitLine(l -> l.startsWith("readback "), Duration.ZERO);

            assertThat(Long.parseLong(field(maxHeap, 1))).isLessThanOrEqualTo(32L << 20);
            String sha = field(stored, 1);
            assertThat(sha).matches("[0-9a-f]{64}");
            assertThat(field(generated, 1)).isEqualTo(sha);
            assertThat(field(readBack, 1)).isEqualTo(sha);
            assertThat(Long.parseLong(field(stored, 2))).isEqualTo(size);
            assertThat(Long.parseLong(field(generated, 2))).isEqualTo(size);
            assertThat(Long.parseLong(field(readBack, 2))).isEqualTo(size);

            BlobStore store = new BlobStore(dir);
            assertThat(store.list()).containsExactly(new BlobRef(sha, size));
        }
    }

    private static String field(String line, int index) {
        return line.split(" ")[index];
    }

    /**
     * Child entry point: {@code <store dir> <MiB>}. Puts that many MiB of generated content (never
     * held in memory) and prints the stored hash, the generated stream's hash and the read-back
     * hash, each with its byte count.
     */
    public static final class StreamChild {
        public static void main(String[] args) throws Exception {
            Path storeDir = Path.of(args[0]);
            long size = Long.parseLong(args[1]) << 20;
            System.out.println("maxHeap " + Runtime.getRuntime().maxMemory());

            BlobStore store = new BlobStore(storeDir);
            MessageDigest generatedDigest = MessageDigest.getInstance("SHA-256");
            CountingStream generated = new CountingStream(new PseudoRandomStream(size, 42));
            BlobRef ref;
            try (InputStream in = new DigestInputStream(generated, generatedDigest)) {
                ref = store.put(in);
            }
            System.out.println("stored " + ref.sha256() + " " + ref.size());
            System.out.println("generated " + HexFormat.of().formatHex(generatedDigest.digest())
                    + " " + generated.count);

            MessageDigest readDigest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long read = 0;
            try (InputStream in = store.open(ref)) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    readDigest.update(buffer, 0, n);
                    read += n;
                }
            }
            System.out.println("readback " + HexFormat.of().formatHex(readDigest.digest()) + " " + read);
        }
    }

    /** Deterministic pseudo-random bytes (xorshift64*), produced as they are read. */
    static final class PseudoRandomStream extends InputStream {
        private long remaining;
        private long state;
        private long word;
        private int wordBytes;

        PseudoRandomStream(long size, long seed) {
            this.remaining = size;
            this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return nextByte();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) nextByte();
            }
            remaining -= n;
            return n;
        }

        private int nextByte() {
            if (wordBytes == 0) {
                state ^= state >>> 12;
                state ^= state << 25;
                state ^= state >>> 27;
                word = state * 0x2545F4914F6CDD1DL;
                wordBytes = 8;
            }
            int value = (int) (word & 0xFF);
            word >>>= 8;
            wordBytes--;
            return value;
        }
    }

    /** Counts the bytes the store actually pulled, independently of what it reports. */
    static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().getFileName().toString().equals("tmp"))
                    .toList();
        }
    }

    private List<Path> tmpFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
            return files.toList();
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
