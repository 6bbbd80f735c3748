package io.batos.cognition.psm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.code.Finding;
import io.batos.code.MethodRuntime;
import io.batos.code.Verdict;
import io.batos.cognition.llm.LanguageModel;
import io.batos.events.Event;
import io.batos.events.EventBus;
import io.batos.guardian.PersistenceGuardian;
import io.batos.image.ConflictException;
import io.batos.image.ImageException;
import io.batos.image.MethodSource;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.memory.CycleLineage;
import io.batos.memory.FractalMemory;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs cognitive cycles: the Prototypal State Machine of DESIGN §8.
 *
 * <p>A cycle is one transaction and one {@code CognitiveCycle} object in it. It advances by
 * sending {@code processSynthesis} to the state object in its {@code synthesisState} slot; the
 * states' primitives, registered here, do the work and move the pointer: IDLE → DECOMPOSING (BRICK
 * plans, checked against {@code MissionPlan}) → DELEGATING (the plan's BABS and ALFRED facets,
 * concurrently) → SYNTHESIZING (ROBIN writes the artifact) → VALIDATING (ALFRED: the artifact's
 * covenant; for code the PersistenceGuardian, the compiler with the sandbox and a trial run inside a
 * savepoint that is rolled back; then the approval policy) → COMPLETE (install, clean, commit) or
 * FAILED (dispatch one correction when validation failed and the depth allows, then doom and abort,
 * so a failed thought leaves no trace). A conflict at commit re-validates the artifact on a fresh
 * snapshot and commits there, without asking the model again.
 *
 * <p>Cycles run on a small pool of their own; model calls go to the model's inference thread and
 * their waits do not count against any send's time budget. Every transition is an {@link Event}
 * on topic {@code psm} carrying the audit record's fields.
 */
public final class Orchestrator implements AutoCloseable {
    /** Checks a JSON document against a named data covenant (the DataGuardian). */
    @FunctionalInterface
    public interface CovenantValidator {
        Verdict validate(String covenant, String json);
    }

    public static final String PSM_TOPIC = "psm";
    /**
     * The topic of the model's streamed output while a cycle asks it: {@code TOKENS} events (a
     * batch of text) and one {@code GENERATION_END} per answer. Apart from {@value #PSM_TOPIC} on
     * purpose: the audit log records every {@code psm} event, and a stream of text fragments is
     * something to watch, not a transition to remember.
     */
    public static final String TOKENS_TOPIC = "tokens";
    /** How long {@link #close()} waits for the cycles it cancels to end. */
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    private static final Logger LOG = Logger.getLogger(Orchestrator.class.getName());
    private static final int POOL = 4;

    private final ObjectSpace space;
    private final MethodRuntime methods;
    private final PersistenceGuardian guardian;
    private final Supplier<CompletableFuture<LanguageModel>> model;
    private final CovenantValidator covenants;
    private final EventBus events;
    private final ExecutorService pool;
    private final PersonaVoices voices;
    private final ArtifactChecks checks;
    private final CycleEvents audit;
    private final Map<String, CognitiveCycle> cycles = new ConcurrentHashMap<>();
    private final Map<String, CognitiveCycle> teaching = new ConcurrentHashMap<>();

    public Orchestrator(ObjectSpace space, MethodRuntime methods, PersistenceGuardian guardian,
                        Supplier<CompletableFuture<LanguageModel>> model, CovenantValidator covenants, EventBus events) {
        this(space, methods, guardian, model, covenants, events, () -> null);
    }

    /**
     * An orchestrator whose BABS also consults Fractal Memory in DELEGATING: {@code memory} answers
     * the image's memory when there is one, else null (it is asked at each cycle, so a vessel can
     * hand it in before it has built it).
     */
    public Orchestrator(ObjectSpace space, MethodRuntime methods, PersistenceGuardian guardian,
                        Supplier<CompletableFuture<LanguageModel>> model, CovenantValidator covenants, EventBus events,
                        Supplier<FractalMemory> memory) {
        this.space = space;
        this.methods = methods;
        this.guardian = guardian;
        this.model = model;
        this.covenants = covenants;
        this.events = events;
        this.voices = new PersonaVoices(space, model, events, memory);
        this.checks = new ArtifactChecks(space, methods, guardian, covenants);
        this.audit = new CycleEvents(events);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(POOL, r -> {
            Thread t = new Thread(r, "batos-cycle-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, State> states = Map.of("IDLE", this::idle, "DECOMPOSING", this::decomposing,
                "DELEGATING", this::delegating, "SYNTHESIZING", this::synthesizing, "VALIDATING", this::validating,
                "COMPLETE", this::complete, "FAILED", this::failed);
        states.forEach((name, work) -> methods.primitives().register(PsmGenesis.primitiveName(name), (self, args) -> {
            work.run(cycleOf(args));
            return null;
        }));
    }

    /** What one state does to a cycle. */
    @FunctionalInterface
    private interface State {
        void run(CognitiveCycle c);
    }

    /**
     * Starts a method mission, or joins the one already teaching this receiver this selector, so
     * two sends of the same missing selector share one cycle.
     *
     * @param arguments   the arguments of the send, for the trial run
     * @param preApproved whether the cycles this starts (its corrections included) are approved up front
     */
    public CompletableFuture<CycleOutcome> teach(MissionBrief brief, List<Object> arguments, boolean preApproved) {
        return teachCycle(brief, arguments, preApproved).outcome();
    }

    /**
     * {@link #teach}, answering the cycle itself rather than its outcome, so the caller can name it
     * (the workbench opens it in its monitor) while waiting. Joining a running mission answers the
     * cycle that began it; its outcome is the outcome of its corrections too.
     */
    public CognitiveCycle teachCycle(MissionBrief brief, List<Object> arguments, boolean preApproved) {
        String key = brief.receiver() + "#" + brief.selector();
        CognitiveCycle[] started = new CognitiveCycle[1];
        CognitiveCycle shared = teaching.computeIfAbsent(key, k -> {
            started[0] = start(brief, arguments, preApproved, null);
            return started[0];
        });
        if (started[0] != null) {
            shared.outcome().whenComplete((o, e) -> teaching.remove(key, shared));
        }
        return shared;
    }

    /** Starts a data mission: an object satisfying {@code brief.covenant()}. */
    public CompletableFuture<CycleOutcome> produce(MissionBrief brief, boolean preApproved) {
        return start(brief, List.of(), preApproved, null).outcome();
    }

    private CognitiveCycle start(MissionBrief brief, List<Object> arguments, boolean preApproved,
                                                  CognitiveCycle parent) {
        // A correction's id names the attempt it corrects (CycleLineage), so the audit log keeps the chain.
        String id = parent != null ? CycleLineage.of(parent.id()).correctionId()
                : java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(6)
                .putShort((short) java.util.concurrent.ThreadLocalRandom.current().nextInt())
                .putInt(java.util.concurrent.ThreadLocalRandom.current().nextInt()).array());
        CognitiveCycle c = new CognitiveCycle(id, brief, arguments, preApproved, parent);
        cycles.put(id, c);
        pool.execute(() -> begin(c));
        return c;
    }

    /** Every cycle this process started, newest last. */
    public List<CognitiveCycle> cycles() {
        List<CognitiveCycle> all = new ArrayList<>(cycles.values());
        all.sort(java.util.Comparator.comparing(CognitiveCycle::started));
        return all;
    }

    public Optional<CognitiveCycle> cycle(String id) {
        return Optional.ofNullable(cycles.get(id));
    }

    /** The cycles waiting for the architect: the verdict queue. */
    public List<CognitiveCycle> awaitingApproval() {
        return cycles().stream().filter(CognitiveCycle::awaitingApproval).toList();
    }

    /** The approval policy ALFRED's codex names now. */
    public ApprovalPolicy policy() {
        try (Transaction tx = space.image().begin("read approval policy", "psm")) {
            return ApprovalPolicy.of(Codex.entry(space.lobby(tx), "ALFRED").get(Codex.APPROVAL_POLICY));
        }
    }

    /** Approves a parked cycle: it proceeds to COMPLETE. */
    public void approve(String id) {
        CognitiveCycle c = unpark(id);
        audit.publish(c, "APPROVAL_GRANTED", Map.of());
        pool.execute(() -> {
            moveTo(c, "COMPLETE");
            drive(c);
        });
    }

    /** Rejects a parked cycle with the architect's note: it goes to FAILED and leaves nothing. */
    public void reject(String id, String note) {
        CognitiveCycle c = unpark(id);
        c.rejectNote = note == null || note.isBlank() ? "rejected by the architect" : "rejected by the architect: " + note;
        c.findings.add(c.rejectNote);
        audit.publish(c, "APPROVAL_DENIED", Map.of("note", c.rejectNote));
        pool.execute(() -> {
            moveTo(c, "FAILED");
            drive(c);
        });
    }

    /**
     * Cancels a cycle that has not ended: it goes to FAILED, its transaction is doomed and
     * aborted (nothing is written), and a {@code CYCLE_FAILED} event says why; whoever waits on it
     * learns {@code cancelled by the architect}. A cancelled cycle dispatches no correction.
     *
     * <p>When it takes effect: at once for a cycle awaiting approval or not yet begun; for one
     * asking the model, as soon as the generation is cancelled (the model stops within a decode
     * step); for one compiling or trying its method, before its next state. A cycle already
     * committing commits: cancelling races with the end, and {@link CognitiveCycle#outcome()} says
     * who won.
     *
     * @return false when the cycle had already ended (nothing to cancel)
     * @throws ImageException NOT_FOUND when this process has no such cycle
     */
    public boolean cancel(String id) {
        CognitiveCycle c = cycles.get(id);
        if (c == null) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "no cycle " + id);
        }
        return cancel(c, "cancelled by the architect", false);
    }

    /**
     * Marks a cycle cancelled and stops what it waits for; a parked one is abandoned here
     * ({@code inline}) or on the pool. Under the cycle's lock, so that parking, approving and
     * cancelling never cross.
     */
    private boolean cancel(CognitiveCycle c, String why, boolean inline) {
        boolean wasParked;
        synchronized (c) {
            if (c.finished) {
                return false;
            }
            if (c.cancelled != null) {
                return true;
            }
            c.cancelled = why;
            wasParked = c.parked;
            c.parked = false;
        }
        if (wasParked) {
            if (inline) {
                abandon(c, why, null);
            } else {
                pool.execute(() -> abandon(c, why, null));
            }
        } else {
            c.stopAsking();
        }
        return true;
    }

    /** Takes a cycle out of the verdict queue, for the architect's approval or rejection. */
    private CognitiveCycle unpark(String id) {
        CognitiveCycle c = cycles.get(id);
        if (c == null) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "no cycle " + id);
        }
        synchronized (c) {
            if (!c.parked) {
                throw new ImageException(ImageException.Code.USAGE, "cycle " + id + " is not awaiting approval (it is "
                        + c.state + ")");
            }
            c.parked = false;
        }
        return c;
    }

    /** Puts a validated cycle in the verdict queue, unless it was cancelled meanwhile. */
    private boolean park(CognitiveCycle c) {
        synchronized (c) {
            if (c.cancelled != null) {
                return false;
            }
            c.parked = true;
            return true;
        }
    }

    // ---- driving a cycle ---------------------------------------------------------------------

    private void begin(CognitiveCycle c) {
        if (c.cancelled != null) {
            abandon(c, c.cancelled, null);
            return;
        }
        try {
            c.tx = space.image().begin("cycle " + c.id() + ": " + summary(c.brief()), "psm");
            c.object = space.object(c.tx, c.tx.create());
            c.object.set("cycleId", c.id());
            c.object.set("missionBrief", c.brief().toSlot());
            c.object.set("correctionDepth", (long) c.brief().depth());
            if (c.parent() != null) {
                c.object.set("parentCycle", c.parent().id());
            }
            c.object.set("tmpSynthesisData", new LinkedHashMap<String, Object>());
            c.object.set("_v_cycle", c);
            moveTo(c, "IDLE");
        } catch (RuntimeException e) {
            abandon(c, "the cycle could not start: " + e.getMessage(), e);
            return;
        }
        drive(c);
    }

    /** Sends {@code processSynthesis} to the current state until the cycle ends or parks. */
    private void drive(CognitiveCycle c) {
        try {
            while (!c.finished && !c.parked) {
                if (c.cancelled != null) {
                    abandon(c, c.cancelled, null);
                    return;
                }
                String before = c.state;
                UvmObject state = stateObject(c);
                state.send(PsmGenesis.PROCESS_SYNTHESIS, c.object);
                if (c.finished || c.parked) {
                    break;
                }
                // A state the architect rewrote in Java moves the pointer itself: follow the slot.
                String now = String.valueOf(stateObject(c).get("name"));
                if (!now.equals(c.state)) {
                    Map<String, Object> fields = new HashMap<>();
                    fields.put("current_state", c.state);
                    fields.put("transition_to", now);
                    c.state = now;
                    audit.publish(c, "STATE_TRANSITION", fields);
                }
                if (before.equals(c.state)) {
                    throw new IllegalStateException("state " + before + "'s processSynthesis did not move the cycle");
                }
            }
        } catch (RuntimeException | Error e) {
            // A cancelled generation surfaces here as a CancellationException: say why it was cancelled.
            abandon(c, c.cancelled != null ? c.cancelled : shortMessage(e), e);
        }
    }

    /** Ends a cycle that broke (not a validation failure): no correction, nothing written. */
    private void abandon(CognitiveCycle c, String why, Throwable cause) {
        if (c.finished) {
            return;
        }
        LOG.log(Level.FINE, "cycle " + c.id() + " abandoned", cause);
        c.findings.add(why);
        c.finished = true;
        c.parked = false;
        forget(c);
        String from = c.state;
        c.state = "FAILED";
        if (c.tx != null && c.tx.isOpen()) {
            c.tx.doom(why);
            c.tx.abort();
        }
        audit.publish(c, "STATE_TRANSITION", Map.of("current_state", from, "transition_to", "FAILED"));
        audit.publish(c, "CYCLE_FAILED", Map.of("final_outcome", "FAILED", "note", why));
        c.outcome().complete(new CycleOutcome(c.id(), false, c.artifactText, c.findings, 0, c.brief().depth(), why, 0));
    }

    private UvmObject stateObject(CognitiveCycle c) {
        Object ref = c.object.get("synthesisState");
        if (!(ref instanceof ObjectRef r)) {
            throw new IllegalStateException("the cycle has no synthesisState");
        }
        return c.object.resolve(r);
    }

    private void moveTo(CognitiveCycle c, String next) {
        UvmObject psm = c.object.resolve((ObjectRef) space.lobby(c.tx).get(PsmGenesis.PSM_SLOT));
        Object target = psm.get(next);
        if (!(target instanceof ObjectRef)) {
            throw new IllegalStateException("the image has no PSM state " + next);
        }
        String from = c.state;
        c.object.set("synthesisState", target);
        c.state = next;
        Map<String, Object> fields = new HashMap<>();
        fields.put("current_state", from);
        fields.put("transition_to", next);
        audit.publish(c, "STATE_TRANSITION", fields);
    }

    private static CognitiveCycle cycleOf(Object[] args) {
        if (args.length == 1 && args[0] instanceof UvmObject cycle && cycle.get("_v_cycle") instanceof CognitiveCycle c) {
            return c;
        }
        throw new ImageException(ImageException.Code.USAGE,
                "processSynthesis takes the CognitiveCycle object of a running cycle");
    }

    private void persona(CognitiveCycle c, String name) {
        c.persona = name;
        c.object.set("activePersona", name);
    }

    // ---- the states ---------------------------------------------------------------------------

    private void idle(CognitiveCycle c) {
        moveTo(c, "DECOMPOSING");
    }

    private void decomposing(CognitiveCycle c) {
        persona(c, "BRICK");
        String answer = voices.ask(c, "BRICK", voices.prompt(c, "decomposing", Map.of()), "MissionPlan");
        Optional<JsonNode> plan = ArtifactReader.json(answer);
        Verdict verdict = plan.isEmpty()
                ? Verdict.of(List.of(Finding.error("plan", "BRICK's answer holds no JSON object", 0, 0)))
                : covenants.validate("MissionPlan", plan.get().toString());
        if (!verdict.accepted()) {
            c.artifactText = answer;
            refuse(c, verdict, "the MissionPlan covenant: " + voices.covenantText("MissionPlan"));
            return;
        }
        c.plan = plan.get();
        tmp(c, "plan", c.plan.toString());
        moveTo(c, "DELEGATING");
    }

    private void delegating(CognitiveCycle c) {
        persona(c, "BABS");
        List<CompletableFuture<String>> facets = new ArrayList<>();
        for (JsonNode step : c.plan.path("steps")) {
            String who = step.path("persona").asText();
            if (who.equals("BABS") || who.equals("ALFRED")) {
                Map<String, String> values = Map.of("persona", who, "task", step.path("task").asText(),
                        "goal", c.plan.path("goal").asText(), "examples", voices.examples(c));
                String prompt = voices.prompt(c, "delegating", values);
                facets.add(voices.askAsync(c, who, prompt, null).thenApply(text -> who + ": " + text.strip()));
            }
        }
        List<String> texts = new ArrayList<>();
        for (CompletableFuture<String> f : facets) {
            texts.add(MethodRuntime.waitOutsideBudget(f));
        }
        c.facets = List.copyOf(texts);
        tmp(c, "facets", new ArrayList<Object>(texts));
        moveTo(c, "SYNTHESIZING");
    }

    private void synthesizing(CognitiveCycle c) {
        persona(c, "ROBIN");
        boolean method = c.brief().isMethod();
        Map<String, String> values = new HashMap<>();
        values.put("goal", c.plan == null ? "" : c.plan.path("goal").asText());
        values.put("facets", c.facets.isEmpty() ? "" : "What the others found:\n" + String.join("\n", c.facets));
        String covenant = method ? "MethodArtifact" : c.brief().covenant();
        values.put("covenant", covenant);
        values.put("schema", voices.covenantText(covenant));
        String answer = voices.ask(c, "ROBIN", voices.prompt(c, method ? "synthesizing" : "synthesizing-data", values), covenant);
        c.artifactText = answer;
        Optional<JsonNode> json = ArtifactReader.json(answer);
        if (json.isEmpty() && method) {
            json = ArtifactReader.javaBlock(answer).map(source -> {
                ObjectNode node = ArtifactReader.JSON.createObjectNode();
                node.put("selector", c.brief().selector());
                node.put("source", source);
                node.put("rationale", "");
                return node;
            });
        }
        Map<String, Object> fields = new HashMap<>();
        fields.put("llm_prompt", c.lastPrompt);
        fields.put("llm_response_raw", answer);
        audit.publish(c, "ARTIFACT_GENERATED", fields);
        if (json.isEmpty()) {
            refuse(c, Verdict.of(List.of(Finding.error("artifact", "ROBIN's answer holds no JSON object", 0, 0))),
                    "the " + covenant + " covenant: " + voices.covenantText(covenant));
            return;
        }
        c.artifact = json.get();
        tmp(c, "artifact", c.artifact.toString());
        moveTo(c, "VALIDATING");
    }

    private void validating(CognitiveCycle c) {
        persona(c, "ALFRED");
        Verdict verdict = checks.validate(c, c.tx);
        c.verdict = verdict;
        if (!verdict.accepted()) {
            audit.publish(c, "VALIDATION_FAILURE", Map.of("validation_result", CycleEvents.structured(verdict)));
            refuse(c, verdict, c.brief().isMethod()
                    ? "the method shape, the Persistence Covenant (end every path that changes state with"
                    + " self.markChanged()), the sandbox (no files, threads, reflection or System), and the trial run"
                    : "the " + c.brief().covenant() + " covenant: " + voices.covenantText(c.brief().covenant()));
            return;
        }
        audit.publish(c, "VALIDATION_SUCCESS", Map.of("validation_result", CycleEvents.structured(verdict)));
        if (policy().requiresApproval(verdict)) {
            if (!c.preApproved()) {
                if (park(c)) {
                    audit.publish(c, "APPROVAL_REQUESTED", Map.of("validation_result", CycleEvents.structured(verdict)));
                }
                // Cancelled meanwhile: the loop in drive() abandons it before COMPLETE.
                return;
            }
            audit.publish(c, "APPROVAL_GRANTED", Map.of("note", "approved up front"));
        }
        moveTo(c, "COMPLETE");
    }

    private void complete(CognitiveCycle c) {
        long txId;
        try {
            install(c, c.tx);
            txId = c.tx.commit();
        } catch (ConflictException first) {
            // Re-validate on a fresh snapshot and commit there; the model is not asked again.
            Transaction retry = space.image().begin("cycle " + c.id() + ": retry after a conflict", "psm");
            try {
                Verdict again = checks.validate(c, retry);
                if (!again.accepted()) {
                    retry.abort();
                    conclude(c, false, 0, "after a conflict the artifact no longer validates: "
                            + String.join("; ", CycleEvents.findings(again).stream().map(String::valueOf).toList()));
                    return;
                }
                install(c, retry);
                txId = retry.commit();
            } catch (ConflictException second) {
                conclude(c, false, 0, "two conflicts at commit: " + second.getMessage());
                return;
            } finally {
                if (retry.isOpen()) {
                    retry.abort();
                }
            }
        }
        conclude(c, true, txId, "");
    }

    private void failed(CognitiveCycle c) {
        persona(c, "ALFRED");
        int max = maxCorrectionDepth();
        if (c.validationFailure && c.brief().depth() < max && c.cancelled == null) {
            MissionBrief next = c.brief().correction(c.artifactText == null ? "" : c.artifactText, c.findings,
                    c.object.get("tmpSynthesisData") instanceof Map<?, ?> tmp && tmp.get("rules") instanceof String r
                            ? r : "");
            CompletableFuture<CycleOutcome> child = start(next, c.arguments(), c.preApproved(), c).outcome();
            audit.publish(c, "CORRECTION_DISPATCHED", Map.of("note", "correction " + next.depth() + " of " + max));
            // Only after the correction is on its way is this attempt doomed: nothing of it remains.
            c.tx.doom("cycle " + c.id() + " failed validation");
            c.tx.abort();
            c.finished = true;
            forget(c);
            audit.publish(c, "CYCLE_FAILED", Map.of("final_outcome", "FAILED"));
            child.whenComplete((o, e) -> {
                if (e != null) {
                    c.outcome().completeExceptionally(e);
                } else {
                    c.outcome().complete(o);
                }
            });
            return;
        }
        String why = c.rejectNote != null ? c.rejectNote
                : c.validationFailure ? "the artifact was refused " + (c.brief().depth() + 1) + " time(s); corrections"
                + " stop at depth " + max : "the cycle failed";
        c.tx.doom(why);
        c.tx.abort();
        c.finished = true;
        forget(c);
        audit.publish(c, "CYCLE_FAILED", Map.of("final_outcome", "FAILED"));
        c.outcome().complete(new CycleOutcome(c.id(), false, c.artifactText, c.findings, 0, c.brief().depth(), why, 0));
    }

    /** Drops the process-side link from the cycle object to its handle. */
    private void forget(CognitiveCycle c) {
        if (c.object != null) {
            c.object.remove("_v_cycle");
        }
    }

    private void conclude(CognitiveCycle c, boolean ok, long txId, String why) {
        c.finished = true;
        forget(c);
        if (c.tx.isOpen()) {
            c.tx.abort();
        }
        if (!ok) {
            c.findings.add(why);
            c.state = "FAILED";
            audit.publish(c, "CYCLE_FAILED", Map.of("final_outcome", "FAILED"));
        } else {
            Map<String, Object> fields = new HashMap<>();
            fields.put("final_outcome", "COMPLETE");
            fields.put("transaction_id", txId);
            audit.publish(c, "CYCLE_COMPLETE", fields);
        }
        c.outcome().complete(new CycleOutcome(c.id(), ok, c.artifact == null ? c.artifactText : c.artifact.toString(),
                c.findings, txId, c.brief().depth(), why, c.resultOid));
    }

    /** A validation failure: record the findings and the rules, and go to FAILED. */
    private void refuse(CognitiveCycle c, Verdict verdict, String rules) {
        c.verdict = verdict;
        String prefix = "attempt " + (c.brief().depth() + 1) + ": ";
        for (Object f : CycleEvents.findings(verdict)) {
            c.findings.add(prefix + f);
        }
        c.validationFailure = true;
        tmp(c, "rules", rules);
        moveTo(c, "FAILED");
    }

    private void install(CognitiveCycle c, Transaction tx) {
        if (c.brief().isMethod()) {
            space.object(tx, c.brief().receiver()).set(c.brief().selector(),
                    new MethodSource(c.artifact.path("source").asText()));
        } else {
            // A data mission's answer becomes an object under its covenant, so every later commit
            // that changes it is held to the covenant too.
            UvmObject data = space.object(tx, tx.create());
            c.artifact.fields().forEachRemaining(f -> data.set(f.getKey(), ArtifactReader.plain(f.getValue())));
            data.set("covenant", c.brief().covenant());
            c.resultOid = data.oid();
            if (tx == c.tx) {
                c.object.set("result", data);
            }
        }
        if (tx == c.tx) {
            c.object.remove("tmpSynthesisData");
            c.object.set("outcome", "COMPLETE");
            c.object.set("artifact", c.artifact.toString());
        }
    }

    private int maxCorrectionDepth() {
        try (Transaction tx = space.image().begin("read correction depth", "psm")) {
            Object v = Codex.entry(space.lobby(tx), "ALFRED").get(Codex.MAX_CORRECTION_DEPTH);
            return v instanceof Number n ? n.intValue() : 2;
        }
    }

    private void tmp(CognitiveCycle c, String key, Object value) {
        Object current = c.object.get("tmpSynthesisData");
        Map<String, Object> tmp = new LinkedHashMap<>();
        if (current instanceof Map<?, ?> map) {
            map.forEach((k, v) -> tmp.put(String.valueOf(k), v));
        }
        tmp.put(key, value);
        c.object.set("tmpSynthesisData", tmp);
    }

    private static String summary(MissionBrief b) {
        return b.isMethod() ? "teach @" + b.receiver() + " '" + b.selector() + "'" : "a " + b.covenant();
    }

    static String shortMessage(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    /**
     * Ends every cycle still in flight — parked ones are abandoned ("the process ended while the
     * cycle awaited approval"), running ones cancelled — and waits a while for them to abort their
     * transactions, so the image closes with no cycle still writing; then stops the pool.
     */
    @Override
    public void close() {
        List<CompletableFuture<CycleOutcome>> ending = new ArrayList<>();
        for (CognitiveCycle c : cycles.values()) {
            // Parked cycles do not survive the process (DESIGN §8): say so, leave nothing.
            String why = c.parked ? "the process ended while the cycle awaited approval"
                    : "the process ended while the cycle ran";
            if (cancel(c, why, true)) {
                ending.add(c.outcome());
            }
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(Level.WARNING, "closing: a cycle did not end in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
