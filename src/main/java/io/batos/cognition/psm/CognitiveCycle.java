package io.batos.cognition.psm;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.code.Verdict;
import io.batos.image.Transaction;
import io.batos.object.UvmObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One thought: the process-side handle of a {@code CognitiveCycle} object, which lives in the
 * cycle's own transaction with its {@code missionBrief}, {@code synthesisState},
 * {@code tmpSynthesisData}, {@code parentCycle}, {@code correctionDepth} and {@code activePersona}
 * slots.
 *
 * <p>The handle keeps what the image must not (the open transaction, the arguments as Java
 * objects, the model's raw answers); views read it through the getters. Its {@link #outcome()}
 * future is the only way anyone waits for a cycle. Only the orchestrator's threads change it, one
 * at a time.
 */
public final class CognitiveCycle {
    private final String id;
    private final MissionBrief brief;
    private final List<Object> arguments;
    private final boolean preApproved;
    private final CognitiveCycle parent;
    private final Instant started = Instant.now();
    private final CompletableFuture<CycleOutcome> outcome = new CompletableFuture<>();
    final List<String> findings = new ArrayList<>();
    /** The model calls in flight, so that a cancel can stop them. */
    private final Set<CompletableFuture<?>> asking = ConcurrentHashMap.newKeySet();
    /** Every question a persona put to the model in this cycle, in the order asked. */
    private final List<PersonaExchange> exchanges = new ArrayList<>();

    Transaction tx;
    volatile UvmObject object;
    volatile String state = "IDLE";
    volatile String persona;
    volatile boolean parked;
    volatile boolean finished;
    /** Why the cycle was cancelled; null while it may run on. Set under the cycle's lock. */
    volatile String cancelled;
    boolean validationFailure;
    String rejectNote;
    JsonNode plan;
    List<String> facets = List.of();
    String artifactText;
    volatile JsonNode artifact;
    volatile Verdict verdict;
    volatile String trialResult;
    String lastPrompt;
    String lastResponse;
    long resultOid;

    CognitiveCycle(String id, MissionBrief brief, List<Object> arguments, boolean preApproved, CognitiveCycle parent) {
        this.id = id;
        this.brief = brief;
        this.arguments = List.copyOf(arguments);
        this.preApproved = preApproved;
        this.parent = parent;
        if (parent != null) {
            findings.addAll(parent.findings);
        }
    }

    public String id() {
        return id;
    }

    public MissionBrief brief() {
        return brief;
    }

    List<Object> arguments() {
        return arguments;
    }

    public boolean preApproved() {
        return preApproved;
    }

    /** The cycle whose refused artifact this one corrects, or null. */
    public CognitiveCycle parent() {
        return parent;
    }

    public Instant started() {
        return started;
    }

    /** The state the cycle is in now (IDLE … COMPLETE, FAILED). */
    public String state() {
        return state;
    }

    /** The persona working now, or null. */
    public String persona() {
        return persona;
    }

    /** True while the cycle waits in the verdict queue for the architect. */
    public boolean awaitingApproval() {
        return parked;
    }

    public boolean finished() {
        return finished;
    }

    /** The artifact as the model wrote it, once SYNTHESIZING has run. */
    public String artifactText() {
        return artifactText;
    }

    /**
     * The method source of a method artifact as the cycle read it from the model's answer (the
     * {@code source} of its {@code MethodArtifact}), once SYNTHESIZING has run; null before, and for
     * data missions. This, not {@link #artifactText()}, is what approving installs.
     */
    public String artifactSource() {
        JsonNode a = artifact;
        return a == null || !brief.isMethod() || !a.hasNonNull("source") ? null : a.path("source").asText();
    }

    /**
     * The oid of the cycle's {@code CognitiveCycle} object (0 before it exists). The object lives in
     * the cycle's own transaction: other transactions see it only once a completed cycle committed.
     */
    public long objectOid() {
        UvmObject o = object;
        return o == null ? 0 : o.oid();
    }

    /** ALFRED's verdict, once VALIDATING has run. */
    public Verdict verdict() {
        return verdict;
    }

    /** What the trial run answered (or threw), once VALIDATING has run. */
    public String trialResult() {
        return trialResult;
    }

    /** Every finding so far, its corrections' ancestors' included. */
    public List<String> findings() {
        return List.copyOf(findings);
    }

    public CompletableFuture<CycleOutcome> outcome() {
        return outcome;
    }

    /** Whether the cycle was cancelled (it then ends FAILED, unless it was already committing). */
    public boolean cancelled() {
        return cancelled != null;
    }

    /**
     * The prompts the personas sent the model and its raw answers, oldest first (an answer still
     * being written is null).
     */
    public List<PersonaExchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** Records a question put to the model; answers its index for {@link #answered}. */
    int asked(PersonaExchange exchange) {
        synchronized (exchanges) {
            exchanges.add(exchange);
            return exchanges.size() - 1;
        }
    }

    /** Records the model's raw answer to question {@code index}. */
    void answered(int index, String response) {
        synchronized (exchanges) {
            exchanges.set(index, exchanges.get(index).answered(response));
        }
    }

    /**
     * Keeps {@code call} (a model call) cancellable until it completes; a cycle already cancelled
     * cancels it at once, so no call begun after a cancel outlives it.
     */
    <T> CompletableFuture<T> track(CompletableFuture<T> call) {
        asking.add(call);
        call.whenComplete((value, failure) -> asking.remove(call));
        if (cancelled != null) {
            call.cancel(true);
        }
        return call;
    }

    /** Cancels every model call in flight (the cycle's thread then fails out of its wait). */
    void stopAsking() {
        for (CompletableFuture<?> call : List.copyOf(asking)) {
            call.cancel(true);
        }
    }

    @Override
    public String toString() {
        return "cycle " + id + " (" + state + (parked ? ", awaiting approval" : "") + ")";
    }
}
