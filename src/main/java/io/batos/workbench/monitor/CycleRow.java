package io.batos.workbench.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * One line of the monitor's cycle list: a cycle as the monitor knows it now.
 *
 * <p>Immutable: a change replaces the row, so the table repaints just that line.
 *
 * @param cycleId          the cycle's id
 * @param mission          what it was asked, in a few words ({@code fibonacci on @12})
 * @param state            IDLE … COMPLETE, FAILED
 * @param persona          who works now, or null
 * @param started          when it started
 * @param outcome          how it ended ({@code COMPLETE (tx 12)}, {@code FAILED: why}); empty while it runs
 * @param inFlight         whether it still runs or waits
 * @param awaitingApproval whether it waits in the verdict queue
 * @param parentCycle      the cycle it corrects, or null
 */
public record CycleRow(String cycleId, String mission, String state, String persona, Instant started, String outcome,
                       boolean inFlight, boolean awaitingApproval, String parentCycle) {

    /** The state as a person reads it: {@code VALIDATING (awaiting approval)}. */
    public String stateText() {
        return awaitingApproval ? state + " (awaiting approval)" : state;
    }

    /** How long ago it started, as the list shows it: {@code 42 s}, {@code 3 min}, {@code 2 h}. */
    public String age(Instant now) {
        long seconds = Math.max(0, Duration.between(started, now).getSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " min";
        }
        return seconds / 3_600 + " h";
    }
}
