package io.batos.bench;

import io.batos.image.LivingImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Index rebuild speed: how fast the MapDB index is rebuilt from the log when {@code index.db} is
 * lost. Before each shot {@code index.db} (and any MapDB WAL beside it) is deleted; the shot times
 * {@code LivingImage.open(dir, EXISTING)}, which must report a rebuild (the shot fails otherwise):
 * read and CRC-check every log record, put every object's offset and every transaction's offset into
 * a new index. Closing afterwards is outside the timed region.
 *
 * <p>Objects/s = {@code objects} / score. The image is built once per trial ({@code objects} small
 * objects in transactions of 100,000, so 10 large records for 1,000,000). No numeric target in the
 * issue: it is reported so the store's author can judge recovery time after a crash (an unclean
 * close also rebuilds).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@State(Scope.Thread)
@RecordedIn("image")
public class IndexRebuildBenchmark extends ClosedImageBenchmark {
    @Param({"1000000"})
    public int objects;


    @Setup(Level.Trial)
    public void build() {
        dir = BenchImages.buildClosedImage("bench-rebuild-", objects, null);
    }

    @Setup(Level.Iteration)
    public void loseIndex() {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith("index.db")) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Open with index.db missing: a full rebuild from the log. */
    @Benchmark
    @Goal(what = "Open rebuilding the object index from the log, 1,000,000 objects", unit = "objects/s", items = 1_000_000)
    public LivingImage openRebuildingIndex() {
        image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING);
        if (image.openReport().indexRebuilt() == null) {
            throw new IllegalStateException("open did not rebuild the index");
        }
        return image;
    }
}
