package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.events.Event;
import io.batos.image.LivingImage;
import io.batos.memory.AuditLines;
import io.batos.memory.flywheel.Curator;
import io.batos.testing.Codexes;
import io.batos.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autotelic loop: a pass ingests, analyzes and curates; a pass with nothing new commits
 * nothing; the schedule runs on its own; closing the vessel runs one last pass.
 */
class AutotelicLoopTest {
    @TempDir
    Path dir;

    private static String artifact(String selector) {
        return "{\"selector\": \"" + selector + "\", \"source\": \"Object " + selector
                + "(UvmObject self, Object... args) { return 1L; }\", \"rationale\": \"r\"}";
    }

    private void completedCycles(Path image, int from, int to) {
        for (int i = from; i < to; i++) {
            AuditLines.append(image.resolve("metacognition.jsonl"), AuditLines.cycle(String.format("%012x", 0xa0000L + i),
                    "m" + i, Instant.parse("2026-11-04T00:00:00Z").plusSeconds(i), "write m" + i, artifact("m" + i),
                    List.of()));
        }
    }

    @Test
    void aPassReflectsAndAPassWithNothingNewCommitsNothing() {
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            Codexes.setAlfred(vessel, Curator.THRESHOLD_KEY, 2L);
            List<Event> log = new CopyOnWriteArrayList<>();
            vessel.events().subscribe(e -> {
                if (e.topic().equals(AutotelicLoop.TOPIC)) {
                    log.add(e);
                }
            });
            AutotelicLoop loop = vessel.startAutotelicLoop(Duration.ofHours(1));
            completedCycles(image, 0, 2);

            AutotelicLoop.Pass pass = loop.runOnce();
            assertThat(pass.events()).isEqualTo(18);
            assertThat(pass.cycles()).isEqualTo(2);
            assertThat(pass.analyzed()).isTrue();
            assertThat(pass.report()).extractingByKey("totals")
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("cycles", 2L).containsEntry("complete", 2L);
            assertThat(pass.datasets()).containsExactly("1");
            assertThat(vessel.flywheel().dataset("1").examples()).hasSize(2);
            Eventually.until(() -> !log.isEmpty());
            assertThat(String.valueOf(log.get(0).fields().get("message")))
                    .contains("18 new audit events of 2 cycles").contains("curated dataset 1");

            long before = vessel.image().lastTx();
            AutotelicLoop.Pass idle = loop.runOnce();
            assertThat(idle.events()).isZero();
            assertThat(idle.analyzed()).isFalse();
            assertThat(vessel.image().lastTx()).as("nothing new, nothing committed").isEqualTo(before);

            assertThatThrownBy(() -> vessel.startAutotelicLoop(Duration.ofHours(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theScheduleRunsPassesOnItsOwnAndCloseRunsTheLastOne() {
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            vessel.startAutotelicLoop(Duration.ofMillis(100));
            completedCycles(image, 0, 3);
            Eventually.until(() -> vessel.memory().catalogued().size() == 3);
        }
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.EXISTING)) {
            vessel.startAutotelicLoop(Duration.ofHours(1));
            completedCycles(image, 3, 5);
        } // the shutdown pass ingests what the schedule never reached
        try (Vessel vessel = Vessel.openReadOnly(image)) {
            assertThat(vessel.memory().catalogued()).hasSize(5);
        }
    }

    @Test
    void aReadOnlyVesselRunsNoLoop() {
        Path image = dir.resolve("image");
        Vessel.open(image, LivingImage.OpenMode.CREATE).close();
        try (Vessel vessel = Vessel.openReadOnly(image)) {
            assertThatThrownBy(() -> vessel.startAutotelicLoop(Duration.ofMinutes(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void thePeriodComesFromTheSystemPropertyOrIsTenMinutes() {
        String old = System.getProperty(AutotelicLoop.PERIOD_PROPERTY);
        try {
            System.clearProperty(AutotelicLoop.PERIOD_PROPERTY);
            assertThat(AutotelicLoop.configuredPeriod()).isEqualTo(Duration.ofMinutes(10));
            System.setProperty(AutotelicLoop.PERIOD_PROPERTY, "PT30S");
            assertThat(AutotelicLoop.configuredPeriod()).isEqualTo(Duration.ofSeconds(30));
            System.setProperty(AutotelicLoop.PERIOD_PROPERTY, "90");
            assertThat(AutotelicLoop.configuredPeriod()).isEqualTo(Duration.ofSeconds(90));
            System.setProperty(AutotelicLoop.PERIOD_PROPERTY, "soon");
            assertThat(AutotelicLoop.configuredPeriod()).isEqualTo(Duration.ofMinutes(10));
        } finally {
            if (old == null) {
                System.clearProperty(AutotelicLoop.PERIOD_PROPERTY);
            } else {
                System.setProperty(AutotelicLoop.PERIOD_PROPERTY, old);
            }
        }
    }
}
