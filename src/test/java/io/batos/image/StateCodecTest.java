package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCodecTest {
    @TempDir
    Path dir;

    @Test
    void theMethodTagIsSeenInEncodedStateWithoutDecoding() {
        assertThat(StateCodec.mayHoldMethod(StateCodec.encode(Map.of("m", new MethodSource("Object m(){}")))))
                .isTrue();
        assertThat(StateCodec.mayHoldMethod(StateCodec.encode(Map.of("s", "text", "n", 27002L, "l", List.of(1L)))))
                .isFalse();
    }

    @Test
    void methodHoldersFollowCommitsAndSurviveARebuild() throws Exception {
        long holder;
        long plain;
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE)) {
            holder = image.inTransaction("methods", tx -> {
                long o = tx.create();
                tx.set(o, "greet", new MethodSource("Object greet(UvmObject self, Object... args) { return 1; }"));
                return o;
            });
            plain = image.inTransaction("data", tx -> {
                long o = tx.create();
                tx.set(o, "x", 1L);
                return o;
            });
            assertThat(image.methodHolders()).contains(holder).doesNotContain(plain);
            image.inTransaction("drop the method", tx -> {
                tx.remove(holder, "greet");
                tx.set(plain, "m", new MethodSource("Object m(UvmObject self, Object... args) { return 2; }"));
                return null;
            });
            assertThat(image.methodHolders()).contains(plain).doesNotContain(holder);
        }
        java.nio.file.Files.delete(dir.resolve("index.db"));
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            assertThat(image.methodHolders()).contains(plain).doesNotContain(holder);
        }
    }
}
