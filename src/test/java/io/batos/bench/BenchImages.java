package io.batos.bench;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Shared plumbing for the benchmarks: scratch image directories under {@code target/tmp} (the bench
 * profile points {@code java.io.tmpdir} there; never {@code /tmp}), their removal, and building
 * images of a given size.
 */
final class BenchImages {
    /** Objects per transaction when a benchmark builds a large image. */
    static final int BUILD_BATCH = 100_000;

    private BenchImages() {
    }

    /** A fresh, empty directory for one image, under target/tmp. */
    static Path newDir(String prefix) {
        try {
            Path base = Path.of(System.getProperty("java.io.tmpdir", "target/tmp")).toAbsolutePath().normalize();
            if (!base.toString().contains("target")) {
                // run outside the bench profile: stay inside the project anyway
                base = Path.of("target", "tmp").toAbsolutePath();
            }
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree; null and missing are fine. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes quietly (teardown after a failure must still delete the directory). */
    static void closeQuietly(LivingImage image) {
        if (image != null && !image.isClosed()) {
            try {
                image.close();
            } catch (RuntimeException ignored) {
                // the directory is deleted next anyway
            }
        }
    }

    /**
     * Creates one small object the way every bulk benchmark does: three small slots (a short
     * string, a long, a boolean), about 40 bytes of CBOR.
     */
    static long createSmall(Transaction tx, long i) {
        long oid = tx.create();
        tx.set(oid, "name", "object-" + i);
        tx.set(oid, "n", i);
        tx.set(oid, "even", (i & 1) == 0);
        return oid;
    }

    /**
     * Adds {@code count} small objects in transactions of {@link #BUILD_BATCH}, answering their oids
     * in creation order.
     */
    static long[] populate(LivingImage image, int count) {
        long[] oids = new long[count];
        int done = 0;
        while (done < count) {
            int batch = Math.min(BUILD_BATCH, count - done);
            int from = done;
            try (Transaction tx = image.begin("populate " + from, "bench")) {
                for (int k = 0; k < batch; k++) {
                    oids[from + k] = createSmall(tx, from + k);
                }
                tx.commit();
            }
            done += batch;
        }
        return oids;
    }

    /** Builds an image of {@code count} small objects in a new directory and closes it cleanly. */
    static Path buildClosedImage(String prefix, int count, long[][] oidsOut) {
        Path dir = newDir(prefix);
        long started = System.nanoTime();
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE)) {
            long[] oids = populate(image, count);
            if (oidsOut != null) {
                oidsOut[0] = oids;
            }
        }
        System.out.printf("%n[bench] built %,d objects in %s in %.1f s (tmpdir=%s)%n", count, dir,
                (System.nanoTime() - started) / 1e9, System.getProperty("java.io.tmpdir"));
        return dir;
    }
}
