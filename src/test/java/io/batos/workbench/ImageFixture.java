package io.batos.workbench;

import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real image in a test directory with a kernel on it: what every workbench test starts from. */
public final class ImageFixture implements AutoCloseable {
    private final Path dir;
    private final Vessel vessel;
    private final Kernel kernel;

    public ImageFixture(Path dir) {
        this.dir = dir;
        this.vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        this.kernel = new Kernel(vessel, "workbench-test");
    }

    public Path dir() {
        return dir;
    }

    public Vessel vessel() {
        return vessel;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The image log's bytes: equal before and after means nothing was written. */
    public byte[] log() {
        try {
            return Files.readAllBytes(dir.resolve("image.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        vessel.close();
    }
}
