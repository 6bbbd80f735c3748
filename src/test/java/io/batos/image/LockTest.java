package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One process per image; a lock left by a dead process never blocks a restart. */
class LockTest {
    @TempDir
    Path dir;

    /** Holds an image open until killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            LivingImage image = LivingImage.open(Path.of(args[0]), LivingImage.OpenMode.CREATE);
            System.out.println("holding " + image.lastTx());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    @Timeout(60)
    void aSecondProcessIsToldWhoHoldsTheImageAndKillMinusNineFreesIt() {
        try (ChildJvm.Running holder = ChildJvm.main(Holder.class).args(dir.toString()).start()) {
            holder.awaitLine(line -> line.startsWith("holding"), Duration.ofSeconds(30));
            assertThatThrownBy(() -> LivingImage.open(dir, LivingImage.OpenMode.EXISTING))
                    .isInstanceOf(ImageException.class)
                    .hasMessage("image " + dir + " is in use by pid " + holder.pid())
                    .extracting(e -> ((ImageException) e).code()).isEqualTo(ImageException.Code.LOCKED);
            holder.kill();
        }
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            assertThat(image.lastTx()).isEqualTo(1);
            assertThat(image.verify().problems()).isEmpty();
        }
    }
}
