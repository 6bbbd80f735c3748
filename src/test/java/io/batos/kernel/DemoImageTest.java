package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.ImageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoImageTest {
    @TempDir
    Path dir;

    @Test
    void theDemoImageHoldsWorkingObjectsAndSomeHistory() {
        try (Vessel vessel = DemoImage.create(dir)) {
            Kernel kernel = new Kernel(vessel, "test");
            assertThat(kernel.send(kernel.resolve("lobby.counter"), "increment").text()).isEqualTo("3");
            long account = kernel.resolve("lobby.account");
            assertThat(kernel.get(account, "balance")).isEqualTo(120L);
            assertThat(kernel.get(account, "ledger")).asList().containsExactly("+100", "+50", "-30");
            assertThat(kernel.send(account, "withdraw", 1000L).text()).startsWith("insufficient funds");
            assertThat(kernel.describe(account).slots()).anySatisfy(slot -> {
                assertThat(slot.name()).isEqualTo("deposit");
                assertThat(slot.inherited()).isTrue();
            });
            assertThat(kernel.send(kernel.resolve("lobby.greeter"), "greet", "Ada").text())
                    .isEqualTo("Good morning, Ada!");
            assertThat(kernel.history().size()).isGreaterThan(10);
            assertThat(vessel.image().verify().ok()).isTrue();
        }
        assertThatThrownBy(() -> DemoImage.create(dir)).isInstanceOf(ImageException.class)
                .hasMessageContaining("already exists");
    }
}
