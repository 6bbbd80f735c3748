package io.batos.memory.flywheel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batos.events.Event;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Transaction;
import io.batos.kernel.Vessel;
import io.batos.memory.AuditLines;
import io.batos.memory.flywheel.Missions.Attempt;
import io.batos.memory.flywheel.Missions.End;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALFRED's curation on a real image: exactly the completed cycles' syntheses, with the method as
 * installed, identical examples merged with their provenance, nothing below the threshold and
 * nothing twice.
 */
class CuratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Vessel vessel;
    private Path log;
    private final List<Event> announced = new CopyOnWriteArrayList<>();
    private Instant t = Instant.parse("2026-11-02T00:00:00Z");

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        vessel.events().subscribe(announced::add);
        log = dir.resolve("image/metacognition.jsonl");
        threshold(3);
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    private void threshold(long n) {
        io.batos.testing.Codexes.setAlfred(vessel, Curator.THRESHOLD_KEY, n);
    }

    /** A receiver with the method installed in a transaction of its own, as a cycle's commit would. */
    private long[] install(String selector, String source) {
        return vessel.image().inTransaction("install " + selector, tx -> {
            long receiver = tx.create();
            tx.set(receiver, selector, new MethodSource(source));
            return new long[] {receiver};
        });
    }

    private void logMission(String id, String type, String selector, End end, String source) {
        long receiver = 7;
        long txId = 0;
        if (end == End.COMPLETE && type.equals("method")) {
            receiver = install(selector, source)[0];
            txId = vessel.image().lastTx();
        }
        Attempt a = new Attempt(id, type, selector, end, end == End.COMPLETE ? null : "covenant", "ROBIN", false, txId,
                receiver, "Object " + selector + "(UvmObject self, Object... args) { return 0; } // as ROBIN wrote it");
        AuditLines.append(log, Missions.lines(a, t));
        t = t.plusSeconds(1);
    }

    private String robinsSystemPrompt() {
        try (Transaction tx = vessel.image().begin("read")) {
            return String.valueOf(Personas.codex(tx, "ROBIN").get("systemPrompt"));
        }
    }

    @Test
    void belowTheThresholdNothingIsCuratedAndNothingCommitted() {
        logMission("a00000000001", "method", "alpha", End.COMPLETE, "Object alpha(UvmObject self, Object... args) { return 1; }");
        logMission("a00000000002", "method", "beta", End.COMPLETE, "Object beta(UvmObject self, Object... args) { return 2; }");
        vessel.memory().ingest();
        long before = vessel.image().lastTx();
        assertThat(vessel.flywheel().curate().datasets()).isEmpty();
        assertThat(vessel.image().lastTx()).isEqualTo(before);
        assertThat(vessel.flywheel().datasets()).isEmpty();
    }

    @Test
    void curatesExactlyTheSuccessfulSynthesesWithTheInstalledMethodAndMergesDuplicates() throws Exception {
        String alpha = "Object alpha(UvmObject self, Object... args) { return 1; }";
        logMission("a00000000001", "method", "alpha", End.COMPLETE, alpha);
        logMission("a00000000002", "method", "alpha", End.COMPLETE, alpha); // the same example again
        logMission("a00000000003", "method", "gamma", End.COMPLETE, "Object gamma(UvmObject self, Object... args) { return 3; }");
        logMission("a00000000004", "method", "delta", End.FAILED_VALIDATION, null); // failed: never an example
        logMission("a00000000005", "method", "eps", End.RUNNING, null);            // running: never an example
        logMission("d00000000001", "data", "d1", End.COMPLETE, null);               // data: a type of its own, 1 < 3
        vessel.memory().ingest();
        long before = vessel.image().lastTx();

        Curator.Result result = vessel.flywheel().curate();

        assertThat(vessel.image().lastTx()).as("one commit").isEqualTo(before + 1);
        assertThat(result.datasets()).hasSize(1);
        Dataset d = result.datasets().get(0);
        assertThat(d.missionType()).isEqualTo("method");
        assertThat(d.examples()).hasSize(2);
        DatasetExample first = d.examples().get(0);
        assertThat(first.cycles()).containsExactly("a00000000001", "a00000000002");
        assertThat(first.status()).isEqualTo(ReviewStatus.PENDING);
        assertThat(first.selector()).isEqualTo("alpha");
        assertThat(first.curated().messages()).extracting(ChatExample.Turn::role)
                .containsExactly("system", "user", "assistant");
        assertThat(first.curated().messages().get(0).content()).isEqualTo(robinsSystemPrompt()).isNotBlank();
        assertThat(first.curated().user()).isEqualTo(Missions.prompt("alpha"));
        JsonNode answer = JSON.readTree(first.curated().assistant());
        assertThat(answer.get("selector").asText()).isEqualTo("alpha");
        assertThat(answer.get("source").asText()).as("the installed source, not the raw answer").isEqualTo(alpha);
        assertThat(answer.get("rationale").asText()).isEqualTo("because alpha");
        assertThat(d.examples().get(1).cycles()).containsExactly("a00000000003");

        // the blob is the JSONL a trainer reads
        List<String> lines = new ArrayList<>();
        try (var in = vessel.image().blobs().open(d.blob())) {
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().forEach(lines::add);
        }
        assertThat(lines).containsExactly(first.curated().toJsonLine(), d.examples().get(1).curated().toJsonLine());

        Event event = announced.stream().filter(e -> e.topic().equals(Curator.TOPIC)).findFirst().orElseThrow();
        assertThat(event.fields()).containsEntry("datasetId", d.id()).containsEntry("examples", 2L);
        assertThat(String.valueOf(event.fields().get("message")))
                .startsWith("A new dataset with 2 examples of successful method generation is ready for review");

        // nothing new: no second dataset, no commit
        long after = vessel.image().lastTx();
        assertThat(vessel.flywheel().curate().datasets()).isEmpty();
        assertThat(vessel.image().lastTx()).isEqualTo(after);
    }

    @Test
    void aLaterDatasetTakesOnlyNewCyclesAndRepeatsNoExample() {
        String alpha = "Object alpha(UvmObject self, Object... args) { return 1; }";
        logMission("a00000000001", "method", "alpha", End.COMPLETE, alpha);
        logMission("a00000000002", "method", "beta", End.COMPLETE, "Object beta(UvmObject self, Object... args) { return 2; }");
        logMission("a00000000003", "method", "gamma", End.COMPLETE, "Object gamma(UvmObject self, Object... args) { return 3; }");
        vessel.memory().ingest();
        assertThat(vessel.flywheel().curate().datasets()).hasSize(1);

        logMission("a00000000004", "method", "alpha", End.COMPLETE, alpha); // same as an example of dataset 1
        logMission("a00000000005", "method", "zeta", End.COMPLETE, "Object zeta(UvmObject self, Object... args) { return 5; }");
        logMission("a00000000006", "method", "eta", End.COMPLETE, "Object eta(UvmObject self, Object... args) { return 6; }");
        vessel.memory().ingest();
        List<Dataset> made = vessel.flywheel().curate().datasets();
        assertThat(made).hasSize(1);
        assertThat(made.get(0).id()).isEqualTo("2");
        assertThat(made.get(0).examples()).extracting(DatasetExample::selector).containsExactly("zeta", "eta");
        assertThat(vessel.flywheel().datasets()).extracting(Dataset::id).containsExactly("1", "2");
    }
}
