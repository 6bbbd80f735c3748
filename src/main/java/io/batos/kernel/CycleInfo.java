package io.batos.kernel;

import io.batos.code.Verdict;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.MissionBrief;
import io.batos.cognition.psm.PersonaExchange;
import java.time.Instant;
import java.util.List;

/**
 * A cognitive cycle as a client sees it at one moment: what it was asked, where it is, what it made
 * and what the guardians said — a snapshot, so a view or a reply never reads a cycle while the
 * orchestrator changes it.
 *
 * <p>{@link Cycles} makes these; the workbench's verdict queue and the server's {@code cycles},
 * {@code cycle}, {@code approve} and {@code reject} operations read the same ones.
 *
 * @param id               the cycle id
 * @param brief            what the cycle was asked to do
 * @param state            the state it is in (IDLE … COMPLETE, FAILED)
 * @param persona          the persona working now, or null
 * @param awaitingApproval true while it waits in the verdict queue
 * @param finished         true once it has ended
 * @param parentCycle      the id of the cycle whose refused artifact this one corrects, or null
 * @param preApproved      whether it was approved up front
 * @param started          when it started
 * @param objectOid        its {@code CognitiveCycle} object (committed only when the cycle completed)
 * @param artifactText     the artifact as the model wrote it, or null before SYNTHESIZING
 * @param artifactSource   a method artifact's source as approving would install it, or null
 * @param verdict          ALFRED's verdict, or null before VALIDATING
 * @param trialResult      what the trial run answered (or threw), or null
 * @param findings         every finding so far, its earlier attempts' and a rejection note included
 * @param outcome          how it ended, or null while it runs
 * @param replacedHolder   where the receiver's lookup finds the selector now (0: nowhere, or not read)
 * @param replaced         what that slot holds now, as text — a method's source, else the value's
 *                         JSON — so a view can diff the artifact against it; null when the method is
 *                         new (or when this snapshot did not read it: {@link Cycles#all()})
 * @param exchanges        the personas' prompts and the model's raw answers so far, oldest first
 * @param cancelled        whether the architect cancelled it
 */
public record CycleInfo(String id, MissionBrief brief, String state, String persona, boolean awaitingApproval,
                        boolean finished, String parentCycle, boolean preApproved, Instant started, long objectOid,
                        String artifactText, String artifactSource, Verdict verdict, String trialResult,
                        List<String> findings, CycleOutcome outcome, long replacedHolder, String replaced,
                        List<PersonaExchange> exchanges, boolean cancelled) {

    public CycleInfo {
        findings = List.copyOf(findings == null ? List.of() : findings);
        exchanges = List.copyOf(exchanges == null ? List.of() : exchanges);
    }

    /** Whether it still runs or waits (neither committed nor failed). */
    public boolean inFlight() {
        return !finished;
    }

    /** Whether approving would replace something the receiver already answers (else: a new method). */
    public boolean replaces() {
        return replaced != null;
    }

    /** The cycle in a few words: {@code fibonacci on @12} or {@code a MissionPlan}. */
    public String summary() {
        return brief.isMethod() ? brief.selector() + " on @" + brief.receiver() : "a " + brief.covenant();
    }
}
