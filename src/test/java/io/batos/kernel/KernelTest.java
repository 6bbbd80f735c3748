package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade the workbench (and later the server) uses. */
class KernelTest {
    @TempDir
    Path dir;
    Vessel vessel;
    Kernel kernel;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    @Test
    void describeListsOwnSlotsThenInheritedOnesInLookupOrder() {
        long lobby = kernel.lobby();
        long account = kernel.cloneInto(lobby, "account");
        kernel.setJson(account, "balance", "100");
        ObjectDescription description = kernel.describe(account);
        assertThat(description.parents()).containsExactly(lobby);
        assertThat(description.own()).extracting(SlotDescription::name).containsExactly("parents", "balance");
        assertThat(description.slots()).filteredOn(SlotDescription::inherited)
                .extracting(SlotDescription::name).startsWith("traits").contains("account", "comment");
        SlotDescription traits = description.slots().stream().filter(s -> s.name().equals("traits")).findFirst()
                .orElseThrow();
        assertThat(traits.kind()).isEqualTo(SlotDescription.Kind.REFERENCE);
        assertThat(traits.holder()).isEqualTo(lobby);
    }

    @Test
    void malformedJsonIsRefusedAndNothingIsWritten() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("image.log"));
        assertThatThrownBy(() -> kernel.setJson(kernel.lobby(), "x", "hello"))
                .isInstanceOf(ImageException.class).hasMessageContaining("not JSON");
        assertThat(Files.readAllBytes(dir.resolve("image.log"))).isEqualTo(before);
    }

    @Test
    void evaluateAnswersTextJsonAndReferences() {
        long lobby = kernel.lobby();
        assertThat(kernel.evaluate(lobby, "3 + 4").text()).isEqualTo("7");
        Kernel.Evaluation self = kernel.evaluate(lobby, "self");
        assertThat(self.ref()).isEqualTo(lobby);
        assertThat(self.json()).isEqualTo("{\"$ref\":" + lobby + "}");
    }

    @Test
    void theGuardRefusesTheUiThread() {
        kernel.guard().forbid(thread -> thread == Thread.currentThread());
        assertThatThrownBy(() -> kernel.describe(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not wait on the image");
    }

    @Test
    void historyRevisionsStateAtAndUndo() {
        long lobby = kernel.lobby();
        long first = kernel.setJson(lobby, "n", "1");
        long second = kernel.setJson(lobby, "n", "2");
        assertThat(kernel.revisions(lobby)).startsWith(second, first);
        assertThat(kernel.stateAt(lobby, first)).containsEntry("n", "1");
        kernel.undo(second);
        assertThat(kernel.get(lobby, "n")).isEqualTo(1L);
    }
}
