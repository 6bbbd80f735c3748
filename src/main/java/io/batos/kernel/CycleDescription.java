package io.batos.kernel;

import io.batos.code.Verdict;
import io.batos.cognition.psm.CognitiveCycle;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.PersonaExchange;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A cognitive cycle as a client sees it at one moment: what it was asked, where it is, and — in
 * the detailed form — what it made of it so far.
 *
 * <p>The one reading of a {@link CognitiveCycle} for every client: the workbench's monitor and the
 * server's {@code cycles}/{@code cycle} operations both get these from {@link Kernel#cycles()} and
 * {@link Kernel#cycle(String)}, so they cannot drift apart. A snapshot: the cycle goes on.
 *
 * @param cycleId          the cycle's id
 * @param state            IDLE … COMPLETE, FAILED
 * @param persona          the persona working now, or null
 * @param awaitingApproval whether it waits in the verdict queue
 * @param finished         whether it has ended (a cycle that dispatched a correction has)
 * @param missionType      {@code method} or {@code data}
 * @param selector         the selector being taught (method missions), else null
 * @param receiver         the oid of the receiver (method missions), else null
 * @param covenant         the covenant of a data mission, else null
 * @param correctionDepth  0 for a first attempt, n for the n-th correction
 * @param parentCycle      the cycle this one corrects, or null
 * @param preApproved      whether it was approved up front
 * @param started          when it started
 * @param details          what it made so far; null in the summary form
 */
public record CycleDescription(String cycleId, String state, String persona, boolean awaitingApproval,
                               boolean finished, String missionType, String selector, Long receiver, String covenant,
                               int correctionDepth, String parentCycle, boolean preApproved, Instant started,
                               Details details) {

    /**
     * What a cycle made so far.
     *
     * @param artifact    the artifact as the model wrote it, once SYNTHESIZING has run, else null
     * @param verdict     ALFRED's verdict, once VALIDATING has run, else null
     * @param trialResult what the trial run answered, once VALIDATING has run, else null
     * @param findings    every finding so far, its ancestors' included
     * @param outcome     how it ended, or null while it runs (and when it broke without one)
     * @param exchanges   the personas' prompts and the model's raw answers, oldest first
     * @param cancelled   whether it was cancelled
     */
    public record Details(String artifact, Verdict verdict, String trialResult, List<String> findings,
                          CycleOutcome outcome, List<PersonaExchange> exchanges, boolean cancelled) {
        public Details {
            findings = List.copyOf(findings);
            exchanges = List.copyOf(exchanges);
        }
    }

    /** A mission in a few words: {@code teach @12 'fibonacci'} or {@code a MissionPlan}. */
    public String mission() {
        return selector != null && receiver != null ? "teach @" + receiver + " '" + selector + "'"
                : "a " + (covenant == null ? missionType : covenant);
    }

    /** Whether it still runs or waits (neither committed nor failed). */
    public boolean inFlight() {
        return !finished;
    }

    /** The cycle as it is now; with {@code detail}, what it made so far too. */
    static CycleDescription of(CognitiveCycle c, boolean detail) {
        Details details = null;
        if (detail) {
            CompletableFuture<CycleOutcome> outcome = c.outcome();
            details = new Details(c.artifactText(), c.verdict(), c.trialResult(), c.findings(),
                    outcome.isDone() && !outcome.isCompletedExceptionally() ? outcome.join() : null, c.exchanges(),
                    c.cancelled());
        }
        return new CycleDescription(c.id(), c.state(), c.persona(), c.awaitingApproval(), c.finished(),
                c.brief().type(), c.brief().selector(), c.brief().isMethod() ? c.brief().receiver() : null,
                c.brief().covenant(), c.brief().depth(), c.parent() == null ? null : c.parent().id(), c.preApproved(),
                c.started(), details);
    }
}
