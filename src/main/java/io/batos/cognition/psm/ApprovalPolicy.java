package io.batos.cognition.psm;

import io.batos.code.Verdict;
import java.util.Locale;

/**
 * When the architect must approve a validated artifact before it is committed (ALFRED's codex,
 * {@code approval_policy}): {@code always} (the default), {@code on-findings} (when any finding,
 * warnings included, was reported) or {@code never}.
 */
public enum ApprovalPolicy {
    ALWAYS, ON_FINDINGS, NEVER;

    /** The policy a codex word names; an unknown word is treated as {@code always} (the safe side). */
    public static ApprovalPolicy of(Object word) {
        String w = word == null ? "" : String.valueOf(word).trim().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "never" -> NEVER;
            case "on-findings" -> ON_FINDINGS;
            default -> ALWAYS;
        };
    }

    /** Whether a validated artifact with this verdict needs the architect. */
    public boolean requiresApproval(Verdict verdict) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_FINDINGS -> !verdict.findings().isEmpty();
        };
    }
}
