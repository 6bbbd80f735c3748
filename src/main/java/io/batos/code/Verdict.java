package io.batos.code;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer of a check — guardian, compiler, sandbox, trial run: accepted or not, and why.
 *
 * <p>A rejection is a value, not an exception (DESIGN.md §6): callers show it, log it, or feed it
 * to a corrective cycle. A verdict is accepted exactly when it has no {@code ERROR} finding.
 *
 * @param accepted whether nothing refuses the source
 * @param findings everything found, errors and warnings, in source order where known
 */
public record Verdict(boolean accepted, List<Finding> findings) {

    public Verdict {
        findings = List.copyOf(findings);
    }

    /** A verdict from findings: accepted when none is an error. */
    public static Verdict of(List<Finding> findings) {
        boolean accepted = findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
        return new Verdict(accepted, findings);
    }

    /** The verdict of a check that found nothing. */
    public static Verdict clean() {
        return new Verdict(true, List.of());
    }

    /** Both verdicts' findings; accepted only if both are. */
    public Verdict and(Verdict other) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(other.findings);
        return Verdict.of(all);
    }

    /** The error findings. */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    }

    /** Whether any finding came from {@code rule}. */
    public boolean trips(String rule) {
        return findings.stream().anyMatch(f -> f.rule().equals(rule));
    }
}
