package io.batos.workbench.monitor;

import java.time.Instant;

/**
 * One event of a cycle's timeline, as the monitor lists it.
 *
 * @param time    when it happened
 * @param type    the event type ({@code STATE_TRANSITION}, {@code ARTIFACT_GENERATED}, …)
 * @param state   the state it happened in (for a transition, the state entered)
 * @param persona who was working, or null
 * @param detail  a few words more: {@code DECOMPOSING → DELEGATING}, the findings' count, a note
 */
public record TimelineEntry(Instant time, String type, String state, String persona, String detail) {
}
