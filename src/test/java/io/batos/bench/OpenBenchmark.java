package io.batos.bench;

import io.batos.image.LivingImage;
import java.util.concurrent.TimeUnit;
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
 * Open time of an image after a clean close, at two sizes, to show it does not grow with the image.
 *
 * <p>The image ({@code objects} small objects, written in transactions of 100,000) is built once per
 * trial and closed cleanly. Each shot times {@code LivingImage.open(dir, EXISTING)} alone: lock,
 * log header, tail check from the index's recorded log end, MapDB index open (it must be trusted,
 * not rebuilt — the shot fails otherwise). Closing (which marks the index clean again) happens
 * outside the timed region, between shots. The files were just written, so the OS page cache is
 * warm; a clean open reads only a few pages, so a cold page cache adds little.
 *
 * <p>Target (issue): ≤ 0.5 s at 1,000,000 objects, and flat: about the same at 100,000.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Thread)
@RecordedIn("image")
public class OpenBenchmark extends ClosedImageBenchmark {
    @Param({"100000", "1000000"})
    public int objects;


    @Setup(Level.Trial)
    public void build() {
        dir = BenchImages.buildClosedImage("bench-open-", objects, null);
    }

    /** Open an existing, cleanly closed image. */
    @Benchmark
    @Goal(what = "Open of an image after a clean close (flat in its size)", unit = "ms", target = "≤ 500")
    public LivingImage openAfterCleanClose() {
        image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING);
        if (image.openReport().indexRebuilt() != null) {
            throw new IllegalStateException("the index was rebuilt on a clean open: "
                    + image.openReport().indexRebuilt());
        }
        return image;
    }
}
