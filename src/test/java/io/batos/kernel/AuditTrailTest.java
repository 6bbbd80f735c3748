package io.batos.kernel;

import io.batos.testing.Eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.cognition.psm.CognitiveCycle;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.MissionBrief;
import io.batos.cognition.psm.Orchestrator;
import io.batos.events.Event;
import io.batos.image.LivingImage;
import io.batos.metacognition.AuditFinding;
import io.batos.metacognition.AuditLog;
import io.batos.metacognition.AuditLogReader;
import io.batos.metacognition.AuditRecord;
import io.batos.testing.AuditSchema;
import io.batos.testing.ScriptedLanguageModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail of real cycles through the Vessel: every PSM event on the bus becomes exactly
 * one line of {@code metacognition.jsonl}, every line validates against the record's JSON Schema,
 * the vessel's close flushes it, and a read-only vessel writes none.
 */
class AuditTrailTest {
    private static final SendScope APPROVED = new SendScope(true, false);

    @TempDir
    Path dir;

    @Test
    void everyLineOfRealCyclesValidatesAgainstTheSchemaAndNoEventIsMissing() throws Exception {
        Path image = dir.resolve("image");
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            assertThat(vessel.auditLog()).isPresent();
            Kernel kernel = new Kernel(vessel, "test");
            ScriptedLanguageModel model = new ScriptedLanguageModel()
                    .on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
                    .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", PsmTest.FIB));
            vessel.cognitiveCore().attach(model);
            vessel.events().subscribe(e -> {
                if (e.topic().equals(Orchestrator.PSM_TOPIC)) {
                    events.add(e);
                }
            });

            // Receivers of their own, cloned before the lobby learns fibonacci (a clone would inherit it).
            long a = kernel.cloneInto(kernel.lobby(), "a");
            long b = kernel.cloneInto(kernel.lobby(), "b");

            // 1. Parked, then approved: APPROVAL_REQUESTED, APPROVAL_GRANTED.
            CompletableFuture<Object> approved = CompletableFuture.supplyAsync(() -> new SendScope(false, true)
                    .run(() -> kernel.send(a, "fibonacci", 9L)).json());
            vessel.orchestrator().approve(parked(vessel).id());
            assertThat(approved.get(20, TimeUnit.SECONDS)).isEqualTo("34");

            // 2. Parked, then rejected: APPROVAL_DENIED.
            CompletableFuture<Object> rejected = CompletableFuture.supplyAsync(() -> new SendScope(false, true)
                    .run(() -> kernel.send(b, "fibonacci", 9L)).json());
            vessel.orchestrator().reject(parked(vessel).id(), "not today");
            assertThatThrownBy(() -> rejected.get(20, TimeUnit.SECONDS)).hasMessageContaining("not today");

            // 3. Approved up front, with one correction: VALIDATION_FAILURE, CORRECTION_DISPATCHED, CYCLE_FAILED,
            //    then ARTIFACT_GENERATED, VALIDATION_SUCCESS, APPROVAL_GRANTED, CYCLE_COMPLETE.
            model.on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", """
                    Object fibonacci(UvmObject self, Object... args) {
                        return undefinedVariable + 1;
                    }"""), ScriptedLanguageModel.artifact("fibonacci", PsmTest.FIB));
            assertThat(APPROVED.run(() -> kernel.send(kernel.lobby(), "fibonacci", 6L)).json()).isEqualTo("8");

            // 4. A data mission (mission_type data, no selector); the scripted model cannot answer it.
            CycleOutcome data = vessel.orchestrator().produce(MissionBrief.data("PersonaConfig", "a new persona"), true)
                    .get(20, TimeUnit.SECONDS);
            assertThat(data.complete()).isFalse();
            Eventually.until(() -> vessel.orchestrator().cycles().stream().allMatch(c -> c.outcome().isDone()));
        } // the vessel's close flushes the audit log

        Path file = image.resolve(AuditLog.FILE_NAME);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(events.size());
        for (String line : lines) {
            assertThat(AuditSchema.problems(line)).as(line).isEmpty();
        }
        AuditLogReader.ReadResult read = AuditLogReader.read(file, 0);
        assertThat(read.problems()).isEmpty();
        assertThat(read.tornTail()).isFalse();
        List<AuditRecord> records = read.entries().stream().map(AuditLogReader.Entry::record).toList();
        assertThat(records).extracting(AuditRecord::eventType).containsAll(AuditRecord.EVENT_TYPES);
        assertThat(records).extracting(AuditRecord::missionType).contains("method", "data");
        // Each cycle's events, in the order its thread published them, are its lines in order.
        assertThat(byCycle(records.stream().map(AuditRecord::toMap).toList()))
                .isEqualTo(byCycle(events.stream().map(e -> AuditRecord.of(e.fields()).toMap()).toList()));
        AuditRecord failure = records.stream().filter(r -> r.eventType().equals("VALIDATION_FAILURE")).findFirst()
                .orElseThrow();
        assertThat(failure.validationResult()).extracting(AuditFinding::rule).contains("compile");
        assertThat(failure.validationResult()).anySatisfy(f -> assertThat(f.message()).contains("undefinedVariable"));
        AuditRecord generated = records.stream().filter(r -> r.eventType().equals("ARTIFACT_GENERATED")).findFirst()
                .orElseThrow();
        assertThat(generated.llmPrompt()).isNotBlank();
        assertThat(generated.llmResponseRaw()).contains("fibonacci");
        assertThat(records.stream().filter(r -> r.eventType().equals("CYCLE_COMPLETE")))
                .allSatisfy(r -> assertThat(r.transactionId()).isPositive());
    }

    @Test
    void aReadOnlyVesselHasNoAuditLogAndWritesNoFile() throws Exception {
        Path image = dir.resolve("image");
        Vessel.open(image, LivingImage.OpenMode.CREATE).close();
        Files.delete(image.resolve(AuditLog.FILE_NAME));
        try (Vessel readOnly = Vessel.openReadOnly(image)) {
            assertThat(readOnly.auditLog()).isEmpty();
        }
        assertThat(Files.exists(image.resolve(AuditLog.FILE_NAME))).isFalse();
    }

    private static Map<Object, List<Map<String, Object>>> byCycle(List<Map<String, Object>> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r.get("cycle_id"), LinkedHashMap::new,
                Collectors.toList()));
    }

    private static CognitiveCycle parked(Vessel vessel) {
        Eventually.until(() -> !vessel.orchestrator().awaitingApproval().isEmpty());
        return vessel.orchestrator().awaitingApproval().get(0);
    }

}
