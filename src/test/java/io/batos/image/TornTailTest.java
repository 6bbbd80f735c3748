package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log cut at every byte of its last record opens with that record dropped and reported. */
class TornTailTest {
    @TempDir
    Path dir;

    @Test
    void everyCutInsideTheLastRecordDropsItAndReportsIt() throws Exception {
        Path source = dir.resolve("source");
        long lastStart;
        try (LivingImage image = LivingImage.open(source, LivingImage.OpenMode.CREATE)) {
            image.inTransaction("one", tx -> {
                tx.set(LivingImage.ROOT_OID, "a", 1L);
                return null;
            });
            lastStart = Files.size(source.resolve("image.log"));
            image.inTransaction("two", tx -> {
                tx.set(LivingImage.ROOT_OID, "a", 2L);
                tx.set(LivingImage.ROOT_OID, "b", "the last record");
                return null;
            });
        }
        byte[] log = Files.readAllBytes(source.resolve("image.log"));
        assertThat(log.length).isGreaterThan((int) lastStart);
        for (int cut = (int) lastStart + 1; cut < log.length; cut++) {
            Path copy = dir.resolve("cut" + cut);
            Files.createDirectories(copy);
            Files.write(copy.resolve("image.log"), Arrays.copyOf(log, cut));
            try (LivingImage image = LivingImage.open(copy, LivingImage.OpenMode.EXISTING)) {
                assertThat(image.lastTx()).as("cut at %d", cut).isEqualTo(2);
                assertThat(image.openReport().truncatedBytes()).as("cut at %d", cut).isEqualTo(cut - lastStart);
                assertThat(image.openReport().lines()).anySatisfy(line -> assertThat(line).contains("torn"));
                assertThat(image.stateAt(LivingImage.ROOT_OID, image.lastTx())).containsEntry("a", 1L)
                        .doesNotContainKey("b");
                assertThat(image.verify().problems()).isEmpty();
            }
            assertThat(Files.size(copy.resolve("image.log"))).isEqualTo(lastStart);
        }
    }

    @Test
    void damageBeforeTheTailIsRefusedNotTruncated() throws Exception {
        long firstEnd;
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE)) {
            firstEnd = Files.size(dir.resolve("image.log"));
            for (int i = 0; i < 3; i++) {
                image.inTransaction("more", tx -> {
                    tx.set(LivingImage.ROOT_OID, "n", 1L);
                    return null;
                });
            }
        }
        byte[] log = Files.readAllBytes(dir.resolve("image.log"));
        log[(int) firstEnd + 20] ^= 0x55;
        Files.write(dir.resolve("image.log"), log);
        Files.delete(dir.resolve("index.db"));
        assertThatThrownBy(() -> LivingImage.open(dir, LivingImage.OpenMode.EXISTING))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("followed by intact records")
                .extracting(e -> ((ImageException) e).code()).isEqualTo(ImageException.Code.VERIFY_FAILED);
        assertThat(Files.readAllBytes(dir.resolve("image.log"))).isEqualTo(log);
    }
}
