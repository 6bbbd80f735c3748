package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.cognition.psm.CognitiveCycle;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.MissionBrief;
import io.batos.events.Event;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.object.DoesNotUnderstandException;
import io.batos.testing.Eventually;
import io.batos.testing.FileHash;
import io.batos.testing.ScriptedLanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doesNotUnderstand as a thought, driven by a scripted model: the happy path, self-correction for
 * every kind of refusal, the depth bound, approval, shared and concurrent cycles, conflicts, the
 * trial run's rollback, and the promise that a failed thought leaves the image byte for byte as it
 * was.
 */
public class PsmTest {
    public static final String FIB = io.batos.testing.TaughtMethods.FIBONACCI;
    static final String FORGETFUL = """
            Object fibonacci(UvmObject self, Object... args) {
                self.set("calls", 1L);
                return 0L;
            }""";
    static final String DOES_NOT_COMPILE = """
            Object fibonacci(UvmObject self, Object... args) {
                return undefinedVariable + 1;
            }""";
    static final String THROWS = """
            Object fibonacci(UvmObject self, Object... args) {
                throw new IllegalStateException("no fibonacci today");
            }""";
    static final SendScope APPROVED = new SendScope(true, false);

    @TempDir
    Path dir;
    Vessel vessel;
    Kernel kernel;
    ScriptedLanguageModel model;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        model = new ScriptedLanguageModel().on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
                .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", FIB));
        vessel.cognitiveCore().attach(model);
        vessel.events().subscribe(events::add);
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    private Object send(SendScope scope, String selector, Object... args) {
        return scope.run(() -> kernel.send(kernel.lobby(), selector, args)).json();
    }

    @Test
    void aMissingMethodIsWrittenValidatedInstalledAndTheSendAnswers() {
        assertThat(send(APPROVED, "fibonacci", 10L)).isEqualTo("55");
        assertThat(kernel.get(kernel.lobby(), "fibonacci")).isInstanceOf(MethodSource.class);
        assertThat(send(APPROVED, "fibonacci", 20L)).isEqualTo("6765");
        assertThat(model.count("MissionPlan")).isEqualTo(1);
        List<Object> path = events.stream().filter(e -> e.type().equals("STATE_TRANSITION"))
                .map(e -> e.fields().get("transition_to")).toList();
        assertThat(path).containsExactly("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING", "VALIDATING", "COMPLETE");
        assertThat(events).extracting(Event::type).contains("ARTIFACT_GENERATED", "VALIDATION_SUCCESS",
                "APPROVAL_GRANTED", "CYCLE_COMPLETE");
        Event done = events.stream().filter(e -> e.type().equals("CYCLE_COMPLETE")).findFirst().orElseThrow();
        assertThat(done.fields()).containsEntry("final_outcome", "COMPLETE").containsEntry("selector", "fibonacci")
                .containsEntry("mission_type", "method").containsKeys("llm_prompt", "llm_response_raw",
                        "validation_result", "transaction_id", "mission_brief_hash");
        // BABS was asked for the plan's facet, ROBIN's prompt carried it.
        assertThat(model.requests()).anyMatch(r -> "BABS".equals(r.persona()));
    }

    @Test
    void babsBringsWhatPastCyclesThatCompletedTheSelectorAnsweredFromFractalMemory() {
        assertThat(send(APPROVED, "fibonacci", 10L)).isEqualTo("55");
        assertThat(vessel.memory().ingest().cycles()).isEqualTo(1);
        long stranger = vessel.image().inTransaction("a stranger without fibonacci", tx -> {
            long oid = tx.create();
            tx.set(vessel.space().lobby(tx).oid(), "stranger", new io.batos.image.ObjectRef(oid));
            return oid;
        });
        assertThat(APPROVED.run(() -> kernel.send(stranger, "fibonacci", 10L)).json()).isEqualTo("55");
        List<String> babs = model.requests().stream().filter(r -> "BABS".equals(r.persona()))
                .map(PsmTest::lastTurnOf).toList();
        assertThat(babs).hasSize(2);
        assertThat(babs.get(0)).doesNotContain("A past cycle that completed fibonacci answered");
        assertThat(babs.get(1)).contains("A past cycle that completed fibonacci answered:").contains("long t = a + b;");
    }

    @Test
    void anInvalidPlanFailsValidationAndACorrectiveCycleSucceeds() {
        model.on("MissionPlan", "{\"goal\": \"fib\"}", ScriptedLanguageModel.plan("fibonacci"));
        assertThat(send(APPROVED, "fibonacci", 7L)).isEqualTo("13");
        assertThat(events).extracting(Event::type).contains("CORRECTION_DISPATCHED", "CYCLE_FAILED", "CYCLE_COMPLETE");
        // The second plan request carried the flawed plan and what was wrong with it.
        String correction = lastTurn(model.requests().stream().filter(r -> lastTurnOf(r).contains("MissionPlan"))
                .toList().get(1));
        assertThat(correction).contains("Correction 1").contains("{\"goal\": \"fib\"}").contains("steps");
    }

    @Test
    void codeThatBreaksTheCovenantIsCorrected() {
        model.on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", FORGETFUL),
                ScriptedLanguageModel.artifact("fibonacci", FIB));
        assertThat(send(APPROVED, "fibonacci", 5L)).isEqualTo("5");
        String correction = lastTurnOf(model.requests().stream().filter(r -> lastTurnOf(r).contains("MethodArtifact"))
                .toList().get(1));
        assertThat(correction).contains("Correction 1").contains("covenant").contains("markChanged");
    }

    @Test
    void aCompileErrorIsCorrected() {
        model.on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", DOES_NOT_COMPILE),
                ScriptedLanguageModel.artifact("fibonacci", FIB));
        assertThat(send(APPROVED, "fibonacci", 6L)).isEqualTo("8");
        assertThat(String.join("\n", lastTurnOf(model.requests().get(model.requests().size() - 1)))).isNotEmpty();
        assertThat(events.stream().filter(e -> e.type().equals("VALIDATION_FAILURE")).findFirst().orElseThrow()
                .fields().get("validation_result").toString()).contains("compile").contains("undefinedVariable");
    }

    @Test
    void aTrialRunThatThrowsIsCorrected() {
        model.on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", THROWS),
                ScriptedLanguageModel.artifact("fibonacci", FIB));
        assertThat(send(APPROVED, "fibonacci", 3L)).isEqualTo("2");
        assertThat(events.stream().filter(e -> e.type().equals("VALIDATION_FAILURE")).findFirst().orElseThrow()
                .fields().get("validation_result").toString()).contains("trial").contains("no fibonacci today");
    }

    @Test
    void atTheDepthBoundTheCallerGetsEveryFindingAndTheImageIsUnchanged() {
        model.on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", FORGETFUL));
        Path log = dir.resolve("image/image.log");
        Path index = dir.resolve("image/index.db");
        String before = FileHash.fromChild(log, index);
        assertThatThrownBy(() -> send(APPROVED, "fibonacci", 5L)).isInstanceOfSatisfying(
                DoesNotUnderstandException.class, e -> {
                    assertThat(e.code()).isEqualTo(ImageException.Code.NOT_UNDERSTOOD);
                    assertThat(e.cycleId()).isNotNull();
                    assertThat(e.findings()).anyMatch(f -> f.startsWith("attempt 1: ")).anyMatch(
                            f -> f.startsWith("attempt 2: ")).anyMatch(f -> f.startsWith("attempt 3: "));
                    assertThat(e.getMessage()).contains("corrections stop at depth 2");
                });
        assertThat(model.count("MethodArtifact")).isEqualTo(3);
        assertThat(FileHash.fromChild(log, index)).isEqualTo(before);
        assertThat(ownSlots()).doesNotContain("fibonacci");
    }

    @Test
    void aParkedCycleCommitsWhenApproved() throws Exception {
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(new SendScope(false, true),
                "fibonacci", 9L));
        CognitiveCycle parked = waitForParked();
        assertThat(parked.verdict().accepted()).isTrue();
        assertThat(parked.trialResult()).isEqualTo("34");
        assertThat(parked.artifactText()).contains("fibonacci");
        vessel.orchestrator().approve(parked.id());
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("34");
        assertThat(events).extracting(Event::type).contains("APPROVAL_REQUESTED", "APPROVAL_GRANTED");
    }

    @Test
    void aRejectedCycleWritesNothingAndTheSenderLearnsWhy() throws Exception {
        Path log = dir.resolve("image/image.log");
        String before = FileHash.fromChild(log);
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(new SendScope(false, true),
                "fibonacci", 9L));
        CognitiveCycle parked = waitForParked();
        vessel.orchestrator().reject(parked.id(), "I prefer recursion");
        assertThatThrownBy(() -> answer.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(DoesNotUnderstandException.class).hasMessageContaining("I prefer recursion");
        assertThat(events).extracting(Event::type).contains("APPROVAL_DENIED", "CYCLE_FAILED");
        assertThat(FileHash.fromChild(log)).isEqualTo(before);
        assertThatThrownBy(() -> vessel.orchestrator().approve(parked.id())).isInstanceOf(ImageException.class)
                .hasMessageContaining("is not awaiting approval");
    }

    @Test
    void cyclesOnDifferentReceiversRunConcurrentlyAndBothCommit() throws Exception {
        long a = kernel.cloneInto(kernel.lobby(), "a");
        long b = kernel.cloneInto(kernel.lobby(), "b");
        model.hold();
        CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> APPROVED.run(() ->
                kernel.send(a, "fibonacci", 11L)).json());
        CompletableFuture<String> onB = CompletableFuture.supplyAsync(() -> APPROVED.run(() ->
                kernel.send(b, "fibonacci", 12L)).json());
        Eventually.until(() -> vessel.orchestrator().cycles().size() == 2);
        model.open();
        assertThat(onA.get(20, TimeUnit.SECONDS)).isEqualTo("89");
        assertThat(onB.get(20, TimeUnit.SECONDS)).isEqualTo("144");
        assertThat(kernel.get(a, "fibonacci")).isInstanceOf(MethodSource.class);
        assertThat(kernel.get(b, "fibonacci")).isInstanceOf(MethodSource.class);
    }

    @Test
    void twoSendsOfTheSameMissingSelectorShareOneCycle() throws Exception {
        model.hold();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> (String) send(APPROVED, "fibonacci", 4L));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> (String) send(APPROVED, "fibonacci", 4L));
        Eventually.until(() -> vessel.orchestrator().cycles().size() == 1 && model.requests().size() >= 1);
        Thread.sleep(200);
        model.open();
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("3");
        assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo("3");
        assertThat(vessel.orchestrator().cycles()).hasSize(1);
        assertThat(model.count("MissionPlan")).isEqualTo(1);
    }

    @Test
    void aConflictAtCommitIsRevalidatedOnAFreshSnapshotWithoutAskingTheModelAgain() throws Exception {
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(new SendScope(false, true),
                "fibonacci", 8L));
        CognitiveCycle parked = waitForParked();
        int asked = model.requests().size();
        // Someone else writes the very slot the cycle will install, and commits first.
        kernel.set(kernel.lobby(), "fibonacci", "a data slot, for a moment");
        vessel.orchestrator().approve(parked.id());
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("21");
        assertThat(model.requests()).hasSize(asked);
        assertThat(kernel.get(kernel.lobby(), "fibonacci")).isInstanceOf(MethodSource.class);
    }

    @Test
    void theTrialRunLeavesNothingBehind() {
        String touching = """
                Object fibonacci(UvmObject self, Object... args) {
                    self.set("touchedByTrial", true);
                    self.markChanged();
                    return 1L;
                }""";
        model.on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", touching));
        MissionBrief brief = MissionBrief.method(kernel.lobby(), "fibonacci", "[1]", "{}", List.of(), null);
        CycleOutcome outcome = vessel.orchestrator().teach(brief, List.of(1L), true).join();
        assertThat(outcome.complete()).isTrue();
        assertThat(kernel.get(kernel.lobby(), "fibonacci")).isInstanceOf(MethodSource.class);
        assertThat(ownSlots()).doesNotContain("touchedByTrial");
        assertThat(vessel.orchestrator().cycle(outcome.cycleId()).orElseThrow().trialResult()).isEqualTo("1");
    }

    @Test
    void withoutACognitiveCoreTheSendFailsClearlyAndNothingIsWritten() {
        vessel.cognitiveCore().reload();
        String before = FileHash.fromChild(dir.resolve("image/image.log"));
        assertThatThrownBy(() -> send(APPROVED, "fibonacci", 1L)).isInstanceOf(DoesNotUnderstandException.class)
                .hasMessageContaining("no cognitive core: `batos model import DIR`, `batos model connect URL` or"
                        + " `batos model demo`");
        assertThat(FileHash.fromChild(dir.resolve("image/image.log"))).isEqualTo(before);
    }

    @Test
    void underThePolicyAlwaysACallerThatCannotApproveIsRefusedBeforeAnyCycle() {
        assertThatThrownBy(() -> send(SendScope.STRICT, "fibonacci", 1L)).isInstanceOfSatisfying(ImageException.class,
                e -> assertThat(e.code()).isEqualTo(ImageException.Code.NEEDS_APPROVAL));
        assertThat(vessel.orchestrator().cycles()).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void theStatesAreObjectsInTheImage() {
        long psm = kernel.resolve("lobby.psm");
        for (String state : List.of("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING", "VALIDATING", "COMPLETE",
                "FAILED")) {
            long oid = kernel.resolve("lobby.psm." + state);
            assertThat(kernel.get(oid, "processSynthesis").toString()).contains("psm." + state.toLowerCase());
        }
        assertThat(psm).isPositive();
        assertThat(kernel.resolve("lobby.personas.ALFRED")).isPositive();
        assertThat(kernel.get(kernel.resolve("lobby.personas.ALFRED"), "codex")).isInstanceOf(Map.class);
    }

    @Test
    void theArchitectCanRewriteAStateInJava() {
        // DELEGATING rewritten: no facets, straight on to SYNTHESIZING.
        String skip = """
                Object processSynthesis(UvmObject self, Object... args) {
                    UvmObject cycle = (UvmObject) args[0];
                    cycle.set("synthesisState", self.get("SYNTHESIZING"));
                    cycle.markChanged();
                    return null;
                }""";
        MethodInstaller.Result installed = kernel.install(kernel.resolve("lobby.psm.DELEGATING"), "processSynthesis", skip);
        assertThat(installed.verdict().findings()).isEmpty();
        assertThat(send(APPROVED, "fibonacci", 10L)).isEqualTo("55");
        assertThat(model.requests()).noneMatch(r -> "BABS".equals(r.persona()));
        List<Object> path = events.stream().filter(e -> e.type().equals("STATE_TRANSITION"))
                .map(e -> e.fields().get("transition_to")).toList();
        assertThat(path).containsExactly("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING", "VALIDATING", "COMPLETE");
    }

    @Test
    void waitingForACycleDoesNotCountAgainstTheCallersTimeBudget() throws Exception {
        vessel.methods().setLimits(300, 256);
        kernel.install(kernel.lobby(), "fib10", """
                Object fib10(UvmObject self, Object... args) {
                    Object answer = self.send("fibonacci", 10L);
                    long spin = 0;
                    for (int i = 0; i < 100000; i++) {
                        spin += i;
                    }
                    return spin > 0 ? answer : null;
                }""");
        model.hold();
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(APPROVED, "fib10"));
        Thread.sleep(800);
        model.open();
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("55");
    }

    @Test
    void aCancelledCycleEndsFailedWritesNothingAndTheSenderLearnsWhy() throws Exception {
        Path log = dir.resolve("image/image.log");
        String before = FileHash.fromChild(log);
        long lastTx = vessel.image().lastTx();
        model.hold();
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(APPROVED, "fibonacci", 9L));
        Eventually.until(() -> model.requests().size() == 1);
        CognitiveCycle running = vessel.orchestrator().cycles().get(0);
        assertThat(running.state()).isEqualTo("DECOMPOSING");

        assertThat(vessel.orchestrator().cancel(running.id())).isTrue();

        assertThatThrownBy(() -> answer.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(DoesNotUnderstandException.class).hasMessageContaining("cancelled by the architect");
        assertThat(running.state()).isEqualTo("FAILED");
        assertThat(running.finished()).isTrue();
        assertThat(running.cancelled()).isTrue();
        assertThat(running.outcome().join().complete()).isFalse();
        Event failed = events.stream().filter(e -> e.type().equals("CYCLE_FAILED")).findFirst().orElseThrow();
        assertThat(failed.fields()).containsEntry("cycle_id", running.id()).containsEntry("final_outcome", "FAILED")
                .containsEntry("note", "cancelled by the architect");
        assertThat(FileHash.fromChild(log)).isEqualTo(before);
        assertThat(vessel.image().lastTx()).isEqualTo(lastTx);
        // Nothing more is asked and no correction is dispatched, even once the model answers.
        model.open();
        Thread.sleep(200);
        assertThat(model.requests()).hasSize(1);
        assertThat(vessel.orchestrator().cycles()).hasSize(1);
        assertThat(events).extracting(Event::type).doesNotContain("CORRECTION_DISPATCHED", "CYCLE_COMPLETE");
        assertThat(vessel.orchestrator().cancel(running.id())).isFalse();
        assertThat(ownSlots()).doesNotContain("fibonacci");
    }

    @Test
    void aCycleAwaitingApprovalCanBeCancelledAndThenNeitherApprovedNorCancelledAgain() throws Exception {
        String before = FileHash.fromChild(dir.resolve("image/image.log"));
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(new SendScope(false, true),
                "fibonacci", 9L));
        CognitiveCycle parked = waitForParked();
        assertThat(vessel.orchestrator().cancel(parked.id())).isTrue();
        assertThatThrownBy(() -> answer.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(DoesNotUnderstandException.class).hasMessageContaining("cancelled by the architect");
        assertThat(parked.state()).isEqualTo("FAILED");
        assertThat(vessel.orchestrator().awaitingApproval()).isEmpty();
        assertThatThrownBy(() -> vessel.orchestrator().approve(parked.id())).isInstanceOf(ImageException.class)
                .hasMessageContaining("is not awaiting approval");
        assertThat(vessel.orchestrator().cancel(parked.id())).isFalse();
        assertThat(FileHash.fromChild(dir.resolve("image/image.log"))).isEqualTo(before);
    }

    @Test
    void cancellingACycleThisProcessNeverStartedIsNotFound() {
        assertThatThrownBy(() -> vessel.orchestrator().cancel("0123456789ab")).isInstanceOfSatisfying(
                ImageException.class, e -> assertThat(e.code()).isEqualTo(ImageException.Code.NOT_FOUND));
        assertThatThrownBy(() -> kernel.cancelCycle("0123456789ab")).isInstanceOf(ImageException.class)
                .hasMessage("no cycle 0123456789ab");
    }

    @Test
    void theKernelCancelsACycleAndAnswersItAsItEnded() throws Exception {
        model.hold();
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(APPROVED, "fibonacci", 9L));
        Eventually.until(() -> model.requests().size() == 1);
        String id = kernel.cycles().get(0).id();
        assertThat(kernel.cycles().get(0).inFlight()).isTrue();
        CycleInfo ended = kernel.cancelCycle(id);
        assertThat(ended.state()).isEqualTo("FAILED");
        assertThat(ended.finished()).isTrue();
        assertThat(ended.cancelled()).isTrue();
        assertThat(ended.outcome().reason()).isEqualTo("cancelled by the architect");
        assertThat(ended.exchanges()).singleElement().satisfies(x -> {
            assertThat(x.persona()).isEqualTo("BRICK");
            assertThat(x.state()).isEqualTo("DECOMPOSING");
            assertThat(x.prompt()).contains("MissionPlan");
            assertThat(x.response()).isNull();
        });
        assertThatThrownBy(() -> answer.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(DoesNotUnderstandException.class);
        model.open();
    }

    @Test
    void closingTheVesselEndsARunningCycleSoTheImageClosesWithNothingOfIt() throws Exception {
        long lastTx = vessel.image().lastTx();
        model.hold();
        CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> send(APPROVED, "fibonacci", 9L));
        Eventually.until(() -> model.requests().size() == 1);
        String id = vessel.orchestrator().cycles().get(0).id();
        vessel.close();
        assertThatThrownBy(() -> answer.get(20, TimeUnit.SECONDS)).cause()
                .isInstanceOf(DoesNotUnderstandException.class).hasMessageContaining("the process ended");
        model.open();
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.EXISTING);
        assertThat(vessel.image().openReport().truncatedBytes()).isZero();
        assertThat(vessel.image().openReport().indexRebuilt()).isNull();
        assertThat(vessel.image().lastTx()).isEqualTo(lastTx);
        assertThat(java.nio.file.Files.readString(dir.resolve("image/metacognition.jsonl")))
                .contains("\"cycle_id\":\"" + id + "\"").contains("CYCLE_FAILED");
    }

    @Test
    void theModelsOutputStreamsOnTopicTokensAndTheAuditLogKeepsOnlyPsmEvents() throws Exception {
        assertThat(send(APPROVED, "fibonacci", 10L)).isEqualTo("55");
        List<Event> tokens = events.stream().filter(e -> e.topic().equals(Kernel.TOKENS_TOPIC)).toList();
        List<Event> psm = events.stream().filter(e -> e.topic().equals(Kernel.PSM_TOPIC)).toList();
        String cycleId = (String) psm.get(0).fields().get("cycle_id");
        assertThat(tokens).isNotEmpty().allSatisfy(e -> assertThat(e.fields()).containsEntry("cycle_id", cycleId)
                .containsKeys("persona", "state", "text", "tokens", "tokensPerSecond"));
        assertThat(tokens).extracting(Event::type).containsOnly("TOKENS", "GENERATION_END");
        // One end per question, and ROBIN's streamed text is his answer.
        assertThat(tokens.stream().filter(e -> e.type().equals("GENERATION_END"))).hasSize(model.requests().size());
        String robin = tokens.stream().filter(e -> "ROBIN".equals(e.fields().get("persona")))
                .map(e -> (String) e.fields().get("text")).reduce("", String::concat);
        assertThat(robin).isEqualTo(ScriptedLanguageModel.artifact("fibonacci", FIB));
        assertThat(tokens).filteredOn(e -> "ROBIN".equals(e.fields().get("persona")))
                .allSatisfy(e -> assertThat(e.fields()).containsEntry("state", "SYNTHESIZING"));
        assertThat(psm).extracting(Event::type).doesNotContain("TOKENS", "GENERATION_END");
        // The audit log holds one line per psm event and nothing of the stream.
        vessel.auditLog().orElseThrow().flush();
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("image/metacognition.jsonl"));
        assertThat(lines).hasSize(psm.size());
        assertThat(String.join("\n", lines)).doesNotContain("TOKENS").doesNotContain("tokensPerSecond");
        // The prompts and raw answers are kept on the cycle, in the order asked.
        CycleInfo cycle = kernel.cycle(cycleId);
        assertThat(cycle.exchanges()).extracting(x -> x.persona())
                .containsExactly("BRICK", "BABS", "ROBIN");
        assertThat(cycle.exchanges().get(2).response()).isEqualTo(robin);
    }

    private List<String> ownSlots() {
        return kernel.describe(kernel.lobby()).own().stream().map(SlotDescription::name).toList();
    }

    private CognitiveCycle waitForParked() {
        Eventually.until(() -> !vessel.orchestrator().awaitingApproval().isEmpty());
        return vessel.orchestrator().awaitingApproval().get(0);
    }


    private static String lastTurn(io.batos.cognition.llm.ChatRequest request) {
        return lastTurnOf(request);
    }

    private static String lastTurnOf(io.batos.cognition.llm.ChatRequest request) {
        return request.messages().get(request.messages().size() - 1).content();
    }
}
