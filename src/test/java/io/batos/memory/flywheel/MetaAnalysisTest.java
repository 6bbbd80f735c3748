package io.batos.memory.flywheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.batos.image.LivingImage;
import io.batos.memory.AuditEvent;
import io.batos.memory.AuditLines;
import io.batos.memory.CycleDocument;
import io.batos.memory.FractalMemory;
import io.batos.memory.MemoryGenesis;
import io.batos.memory.flywheel.Missions.Attempt;
import io.batos.memory.flywheel.Missions.End;
import io.batos.object.Genesis;
import io.batos.object.GenesisStep;
import io.batos.object.ObjectSpace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meta-analysis on a synthetic log whose true figures follow from how many missions of each
 * template it holds: the expected numbers below are worked out from those counts by hand, not by
 * the code under test.
 *
 * <ol>
 *   <li>direct — a method completes at once;</li>
 *   <li>rescued — fails VALIDATING on {@code covenant} while BRICK is active, the correction completes;</li>
 *   <li>lost — fails so twice, then the last correction fails on {@code sandbox} under ALFRED;</li>
 *   <li>plan — a data mission whose plan BRICK's DECOMPOSING refuses ({@code plan});</li>
 *   <li>data — a data mission completes;</li>
 *   <li>running — a method cycle still in DECOMPOSING.</li>
 * </ol>
 */
class MetaAnalysisTest {
    @TempDir
    Path dir;

    private int n1;
    private int n2;
    private int n3;
    private int n4;
    private int n5;
    private int n6;
    private List<String> lines;

    @BeforeEach
    void syntheticLog() {
        Random random = new Random(20261126);
        n1 = 5 + random.nextInt(30);
        n2 = 5 + random.nextInt(30);
        n3 = 5 + random.nextInt(30);
        n4 = 5 + random.nextInt(30);
        n5 = 5 + random.nextInt(30);
        n6 = 5 + random.nextInt(30);
        List<List<Attempt>> missions = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < n1; i++) {
            missions.add(List.of(attempt(root(++id), "method", End.COMPLETE, null, null, false)));
        }
        for (int i = 0; i < n2; i++) {
            String r = root(++id);
            missions.add(List.of(attempt(r, "method", End.FAILED_VALIDATION, "covenant", "BRICK", true),
                    attempt(r + ".1", "method", End.COMPLETE, null, null, false)));
        }
        for (int i = 0; i < n3; i++) {
            String r = root(++id);
            missions.add(List.of(attempt(r, "method", End.FAILED_VALIDATION, "covenant", "BRICK", true),
                    attempt(r + ".1", "method", End.FAILED_VALIDATION, "covenant", "BRICK", true),
                    attempt(r + ".2", "method", End.FAILED_VALIDATION, "sandbox", "ALFRED", false)));
        }
        for (int i = 0; i < n4; i++) {
            missions.add(List.of(attempt(root(++id), "data", End.FAILED_PLAN, "plan", "BRICK", false)));
        }
        for (int i = 0; i < n5; i++) {
            missions.add(List.of(attempt(root(++id), "data", End.COMPLETE, null, null, false)));
        }
        for (int i = 0; i < n6; i++) {
            missions.add(List.of(attempt(root(++id), "method", End.RUNNING, null, null, false)));
        }
        Collections.shuffle(missions, random);
        lines = new ArrayList<>();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        for (List<Attempt> mission : missions) {
            for (Attempt a : mission) {
                lines.addAll(Missions.lines(a, t));
                t = t.plusSeconds(1);
            }
        }
    }

    private static String root(int n) {
        return String.format("%012x", 0xc0de00000000L + n);
    }

    private static Attempt attempt(String id, String type, End end, String rule, String persona, boolean dispatch) {
        return new Attempt(id, type, "sel" + id.replace('.', '_'), end, rule, persona, dispatch, 0, 7, null);
    }

    @Test
    void theReportsFiguresAreTheLogsTrueFigures() {
        MetacognitionReport report = MetaAnalysis.analyze(documents(lines));
        long cycles = n1 + 2L * n2 + 3L * n3 + n4 + n5 + n6;
        long complete = n1 + n2 + n5;
        long failed = n2 + 3L * n3 + n4;
        assertThat(report.totals()).isEqualTo(new MetacognitionReport.Tally(cycles, complete, failed, n6,
                (double) complete / (complete + failed)));

        assertThat(report.byMissionType()).containsOnlyKeys("data", "method");
        assertThat(report.byMissionType().get("method")).isEqualTo(new MetacognitionReport.Tally(
                n1 + 2L * n2 + 3L * n3 + n6, n1 + n2, n2 + 3L * n3, n6, (double) (n1 + n2) / (n1 + 2 * n2 + 3 * n3)));
        assertThat(report.byMissionType().get("data")).isEqualTo(new MetacognitionReport.Tally(
                n4 + n5, n5, n4, 0, (double) n5 / (n4 + n5)));

        assertThat(report.byState().keySet()).containsExactly("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING",
                "VALIDATING");
        long reachValidating = n1 + 2L * n2 + 3L * n3 + n5;
        assertThat(report.byState().get("VALIDATING")).isEqualTo(new MetacognitionReport.StateTally(reachValidating,
                n1 + n2 + n5, n2 + 3L * n3, (double) (n1 + n2 + n5) / reachValidating));
        assertThat(report.byState().get("DECOMPOSING")).isEqualTo(new MetacognitionReport.StateTally(cycles,
                cycles - n4 - n6, n4, (double) (cycles - n4 - n6) / (cycles - n6)));
        assertThat(report.byState().get("IDLE").failed()).isZero();

        // a running cycle has only entered DECOMPOSING, before BRICK spoke
        assertThat(report.byPersona().get("BRICK")).isEqualTo(new MetacognitionReport.Tally(cycles - n6, complete,
                failed, 0, (double) complete / (complete + failed)));
        assertThat(report.byPersona().get("ROBIN")).isEqualTo(new MetacognitionReport.Tally(reachValidating,
                complete, n2 + 3L * n3, 0, (double) complete / (complete + n2 + 3L * n3)));

        assertThat(report.topFailureFindings()).extracting(MetacognitionReport.FindingCount::rule,
                        MetacognitionReport.FindingCount::cycles)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("covenant", n2 + 2L * n3),
                        org.assertj.core.groups.Tuple.tuple("sandbox", (long) n3),
                        org.assertj.core.groups.Tuple.tuple("plan", (long) n4));

        MetacognitionReport.Corrections c = report.corrections();
        assertThat(c.dispatched()).isEqualTo(n2 + 2L * n3);
        assertThat(c.missions()).isEqualTo((long) n1 + n2 + n3 + n4 + n5 + n6);
        assertThat(c.missionsComplete()).isEqualTo(complete);
        assertThat(c.missionsRescued()).isEqualTo(n2);
        assertThat(c.meanCorrectionsPerSuccess()).isCloseTo((double) n2 / complete, within(1e-12));

        // "Cycles whose VALIDATING failed on the covenant rule while BRICK was active, and how often
        // the self-correction loop then succeeded":
        MetacognitionReport.FailurePattern brick = report.failurePatterns().stream()
                .filter(p -> p.state().equals("VALIDATING") && p.rule().equals("covenant") && p.persona().equals("BRICK"))
                .findFirst().orElseThrow();
        assertThat(brick.cycles()).isEqualTo(n2 + 2L * n3);
        assertThat(brick.corrected()).isEqualTo(n2 + 2L * n3);
        assertThat(brick.rescued()).isEqualTo(n2);
        assertThat(brick.rescueRate()).isCloseTo((double) n2 / (n2 + 2 * n3), within(1e-12));
        assertThat(report.failurePatterns()).hasSize(3);
    }

    @Test
    void theReportDoesNotDependOnTheOrderOfTheDocuments() {
        List<CycleDocument> docs = documents(lines);
        Map<String, Object> once = MetaAnalysis.analyze(docs).toMap();
        Collections.shuffle(docs, new Random(7));
        assertThat(MetaAnalysis.analyze(docs).toMap()).isEqualTo(once);
    }

    @Test
    void anEmptyMemoryHasNoRates() {
        MetacognitionReport report = MetaAnalysis.analyze(List.of());
        assertThat(report.totals()).isEqualTo(new MetacognitionReport.Tally(0, 0, 0, 0, null));
        assertThat(report.corrections().meanCorrectionsPerSuccess()).isNull();
        assertThat(report.toMap()).containsOnlyKeys("totals", "byMissionType", "byState", "byPersona",
                "topFailureFindings", "corrections", "failurePatterns");
    }

    @Test
    void theJsonFormHoldsOnlyValuesTheImageCanStore() {
        Map<String, Object> map = MetaAnalysis.analyze(documents(lines)).toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) map.get("totals");
        assertThat(totals.keySet()).containsExactly("cycles", "complete", "failed", "running", "successRate");
        assertThat(totals.get("cycles")).isInstanceOf(Long.class);
        assertThat(totals.get("successRate")).isInstanceOf(Double.class);
        assertThat(map.get("failurePatterns")).asList().first().asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKeys("state", "rule", "persona",
                "cycles", "corrected", "rescued", "rescueRate");
        // what ALFRED's primitive answers must be persistable as it is
        assertThat(io.batos.image.Values.normalize("report", map)).isEqualTo(map);
    }

    @Test
    void theSameFiguresBeforeAndAfterIngestionAndAcrossItsBatches() {
        LivingImage image = LivingImage.open(dir.resolve("img"), LivingImage.OpenMode.CREATE);
        List<GenesisStep> steps = new ArrayList<>(Genesis.coreSteps());
        steps.addAll(MemoryGenesis.steps());
        new Genesis(steps).apply(new ObjectSpace(image));
        try (image; FractalMemory memory = FractalMemory.withoutWriter(image)) {
            int half = lines.size() / 2;
            AuditLines.append(dir.resolve("img/metacognition.jsonl"), lines.subList(0, half));
            memory.ingest(); // half in the catalog (and rotated), half still in the log
            AuditLines.append(dir.resolve("img/metacognition.jsonl"), lines.subList(half, lines.size()));
            Map<String, Object> expected = MetaAnalysis.analyze(documents(lines)).toMap();
            long before = image.lastTx();
            assertThat(MetaAnalysis.analyze(memory.cycles()).toMap()).isEqualTo(expected);
            assertThat(image.lastTx()).as("reading commits nothing").isEqualTo(before);
            memory.ingest();
            assertThat(MetaAnalysis.analyze(memory.catalogued()).toMap()).isEqualTo(expected);
            assertThat(MetaAnalysis.analyze(memory.cycles()).toMap()).isEqualTo(expected);
        }
    }

    /** The documents the lines make, folded the way ingestion folds them. */
    static List<CycleDocument> documents(List<String> lines) {
        Map<String, CycleDocument> docs = new LinkedHashMap<>();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            AuditEvent e = AuditEvent.parse(bytes, 0, bytes.length).orElseThrow();
            docs.computeIfAbsent(e.cycleId(), CycleDocument::new).absorb(e);
        }
        return new ArrayList<>(docs.values());
    }
}
