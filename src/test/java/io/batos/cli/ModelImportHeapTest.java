package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.testing.ChildJvm;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blueprint VULN-02: importing a model never reads a file into the heap. A child JVM with a 48 MiB
 * heap imports a model directory that holds a 512 MiB file.
 */
class ModelImportHeapTest {
    @TempDir
    Path dir;

    @Test
    void aModelTenTimesLargerThanTheHeapImports() throws Exception {
        Path model = dir.resolve("model");
        ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA, model);
        try (RandomAccessFile big = new RandomAccessFile(model.resolve("extra-weights.bin").toFile(), "rw")) {
            // Sparse: the bytes cost nothing to write and are all read and hashed by the import.
            big.setLength(512L << 20);
        }
        Path image = dir.resolve("image");
        CliRunner.raw("image", "init", "--image", image.toString()).ok();
        String cache = Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl-cache")).toAbsolutePath().toString();
        try (ChildJvm.Running child = ChildJvm.main(Main.class).jvmArgs("-Xmx48m", "-DDJL_CACHE_DIR=" + cache)
                .args("model", "import", model.toString(), "--image", image.toString()).start()) {
            int exit = child.waitFor(Duration.ofSeconds(120));
            assertThat(exit).as("stderr: %s", child.stderr()).isZero();
            assertThat(child.stdout()).startsWith("imported model: 6 files, 512.");
        }
    }
}
