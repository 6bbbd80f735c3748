package io.batos.memory;

import static io.batos.memory.AuditLines.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import io.batos.kernel.Vessel;
import io.batos.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ingesting is halted — as SIGKILL would — at each point of the protocol; a second
 * ingestion then takes every event exactly once, including events written after the crash.
 */
class IngestCrashTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Three cycles' worth of events, the third cut short (it goes on after the crash). */
    private List<String> before() {
        List<String> lines = new ArrayList<>();
        lines.addAll(AuditLines.cycle("a00000000001", "fibonacci", T0, AuditLines.longPrompt("a"), "r", List.of()));
        lines.addAll(AuditLines.failedPlan("a00000000002", "isPrime", T0.plusSeconds(1), "no steps"));
        lines.addAll(AuditLines.cycle("a00000000003", "greet", T0.plusSeconds(2), "p", "r", List.of()).subList(0, 4));
        return lines;
    }

    private List<String> after() {
        List<String> lines = new ArrayList<>(
                AuditLines.cycle("a00000000003", "greet", T0.plusSeconds(2), "p", "r", List.of()).subList(4, 9));
        lines.addAll(AuditLines.failedPlan("a00000000004", "tally", T0.plusSeconds(3), "empty plan"));
        return lines;
    }

    private Path image() {
        Path image = dir.resolve("image");
        Vessel.open(image, LivingImage.OpenMode.CREATE).close();
        return image;
    }

    private int crashAt(Path image, String point) {
        try (ChildJvm.Running child = ChildJvm.main(IngestChild.class)
                .jvmArgs("-Dbatos.memory.killAt=" + point, "-Dbatos.audit.killAt=" + point).args(image.toString())
                .start()) {
            int exit = child.waitFor(LIMIT);
            assertThat(child.stdout()).as("the child must die before it reports").doesNotContain("ingested");
            return exit;
        }
    }

    /** Every cycle's document holds exactly as many events as the log has lines for it. */
    private static void assertExactlyOnce(Vessel vessel, List<String> lines) {
        Map<String, Long> expected = new HashMap<>();
        for (String line : lines) {
            String cycle = line.replaceAll(".*\"cycle_id\":\"([^\"]+)\".*", "$1");
            expected.merge(cycle, 1L, Long::sum);
        }
        try (Transaction tx = vessel.image().begin("check")) {
            KnowledgeCatalog catalog = KnowledgeCatalog.require(tx);
            assertThat(catalog.size()).isEqualTo(expected.size());
            expected.forEach((cycle, count) -> assertThat(catalog.document(cycle).orElseThrow().eventCount())
                    .as("events of %s", cycle).isEqualTo(count));
        }
    }

    @Test
    void aCrashBetweenTheCommitAndTheRotationNeitherRepeatsNorLosesAnEvent() throws Exception {
        Path image = image();
        AuditFiles files = new AuditFiles(image);
        AuditLines.append(files.current(), before());
        long size = Files.size(files.current());

        assertThat(crashAt(image, "ingest.committed")).isEqualTo(137);
        assertThat(files.current()).as("not rotated").hasSize(size);
        assertThat(files.generation()).isEqualTo(1);

        AuditLines.append(files.current(), after());
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.EXISTING)) {
            try (Transaction tx = vessel.image().begin("check")) {
                assertThat(KnowledgeCatalog.require(tx).cursor()).as("committed with the documents")
                        .isEqualTo(new Cursor(1, size));
            }
            IngestResult result = vessel.memory().ingest();
            assertThat(result.events()).isEqualTo(after().size());
            assertThat(result.rotation().archivedGeneration()).isEqualTo(1);
            List<String> all = new ArrayList<>(before());
            all.addAll(after());
            assertExactlyOnce(vessel, all);
            assertThat(vessel.memory().ingest().events()).isZero();
        }
    }

    @Test
    void aCrashBeforeTheCommitLeavesTheImageAsItWasAndTheNextRunTakesEverything() throws Exception {
        Path image = image();
        AuditFiles files = new AuditFiles(image);
        AuditLines.append(files.current(), before());
        byte[] log = Files.readAllBytes(image.resolve("image.log"));

        assertThat(crashAt(image, "ingest.read")).isEqualTo(137);
        assertThat(Files.readAllBytes(image.resolve("image.log"))).isEqualTo(log);

        AuditLines.append(files.current(), after());
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.EXISTING)) {
            List<String> all = new ArrayList<>(before());
            all.addAll(after());
            assertThat(vessel.memory().ingest().events()).isEqualTo(all.size());
            assertExactlyOnce(vessel, all);
        }
    }

    @Test
    void aCrashInsideTheRotationIsReadAsTheNextGeneration() throws Exception {
        Path image = image();
        AuditFiles files = new AuditFiles(image);
        AuditLines.append(files.current(), before());

        assertThat(crashAt(image, "rotate.renamed")).isEqualTo(137);
        assertThat(files.archive(1)).exists();
        assertThat(files.sidecar()).as("the generation was not advanced").doesNotExist();
        assertThat(files.generation()).as("the archive says so").isEqualTo(2);

        // The writer goes on in generation 2.
        AuditLines.append(files.current(), after());
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.EXISTING)) {
            IngestResult result = vessel.memory().ingest();
            assertThat(result.events()).isEqualTo(after().size());
            assertThat(result.rotation().archivedGeneration()).isEqualTo(2);
            List<String> all = new ArrayList<>(before());
            all.addAll(after());
            assertExactlyOnce(vessel, all);
        }
        assertThat(files.generation()).isEqualTo(3);
    }
}
