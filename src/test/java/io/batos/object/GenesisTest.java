package io.batos.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Genesis steps: an older image gets the missing ones on open, once, in one transaction. */
class GenesisTest {
    @TempDir
    Path dir;

    @Test
    void anImageMadeWithFewerStepsGetsTheRestOnceWithoutReseedingEdits() {
        List<String> ran = new ArrayList<>();
        GenesisStep third = new GenesisStep(3, "greeter", root -> {
            ran.add("greeter");
            root.space().lobby(root.transaction()).set("greeter", "hello");
        });
        GenesisStep fourth = new GenesisStep(4, "counter", root -> {
            ran.add("counter");
            root.space().lobby(root.transaction()).set("counter", 0);
        });
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE)) {
            ObjectSpace space = new ObjectSpace(image);
            assertThat(new Genesis(Genesis.coreSteps()).apply(space)).extracting(GenesisStep::name)
                    .containsExactly("lobby", "traits");
            space.inTransaction("architect edits", "test", tx -> {
                space.lobby(tx).set("note", "mine");
                return null;
            });
        }
        List<GenesisStep> newer = new ArrayList<>(Genesis.coreSteps());
        newer.add(third);
        newer.add(fourth);
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            long before = image.lastTx();
            ObjectSpace space = new ObjectSpace(image);
            assertThat(new Genesis(newer).apply(space)).extracting(GenesisStep::number).containsExactly(3, 4);
            assertThat(image.lastTx()).as("one transaction for both steps").isEqualTo(before + 1);
            assertThat(Genesis.level(image)).isEqualTo(4);
            space.inTransaction("architect edits again", "test", tx -> {
                space.lobby(tx).set("greeter", "bonjour");
                return null;
            });
        }
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            long before = image.lastTx();
            ObjectSpace space = new ObjectSpace(image);
            assertThat(new Genesis(newer).apply(space)).isEmpty();
            assertThat(image.lastTx()).as("an up-to-date image commits nothing").isEqualTo(before);
            try (Transaction tx = image.begin("read")) {
                assertThat(space.lobby(tx).get("greeter")).isEqualTo("bonjour");
                assertThat(space.lobby(tx).get("note")).isEqualTo("mine");
            }
        }
        assertThat(ran).containsExactly("greeter", "counter");
    }
}
