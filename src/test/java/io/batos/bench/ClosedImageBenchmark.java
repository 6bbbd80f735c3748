package io.batos.bench;

import io.batos.image.LivingImage;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the benchmarks that open a prepared, closed image share: the image directory, the image
 * each iteration opens, and closing and deleting them afterwards.
 */
abstract class ClosedImageBenchmark {
    Path dir;
    LivingImage image;

    @TearDown(Level.Iteration)
    public void closeImage() {
        BenchImages.closeQuietly(image);
        image = null;
    }

    @TearDown(Level.Trial)
    public void deleteImage() {
        BenchImages.closeQuietly(image);
        BenchImages.delete(dir);
    }
}
