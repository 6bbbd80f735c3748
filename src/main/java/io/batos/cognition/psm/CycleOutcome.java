package io.batos.cognition.psm;

import java.util.List;

/**
 * How a cognitive cycle — with the corrections it dispatched — ended.
 *
 * @param cycleId   the cycle that ended it (the last correction when there were any)
 * @param complete  true when an artifact was committed
 * @param artifact  the committed artifact as JSON (or the last refused one), null when none was made
 * @param findings  every finding of every attempt, oldest first, one line each
 * @param txId      the transaction that committed the artifact, 0 when none did
 * @param depth     how many corrections it took
 * @param reason    why it failed, one line ({@code ""} when complete)
 * @param resultOid the object a data mission's answer became, 0 otherwise
 */
public record CycleOutcome(String cycleId, boolean complete, String artifact, List<String> findings, long txId,
                           int depth, String reason, long resultOid) {

    public CycleOutcome {
        findings = List.copyOf(findings);
        reason = reason == null ? "" : reason;
    }
}
