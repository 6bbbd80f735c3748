package io.batos.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch directories under the build's temp directory, for tests that outlive one method's @TempDir. */
public final class TestDirs {
    private TestDirs() {
    }

    /** A new directory under {@code batos.test.tmp} (target/tmp), never /tmp. */
    public static Path create(String prefix) throws IOException {
        Path base = Path.of(System.getProperty("batos.test.tmp", "target/tmp"));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, prefix);
    }
}
