package io.batos.guardian;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The guardian of the Persistence Covenant: audits the Java source of one method before it may enter
 * the image, and answers a {@link Verdict}.
 *
 * <p>Why: methods are written by a probabilistic model; the image survives only if what it installs
 * keeps the covenant ({@code self.markChanged()} after in-place changes), keeps to its shape, and
 * keeps out of the process. This is the deterministic half of the Stability–Plasticity Dialectic
 * (DESIGN.md §6): fast text rules the editor runs on every pause in typing and the installer runs
 * before compiling. They are early feedback, not the boundary — see the package documentation for
 * which layer catches what.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #audit(String)} never throws for bad input (a null source is a programming error and
 *       throws {@link NullPointerException}); a rejection is a verdict with error
 *       findings, each with its rule id ({@code parse}, {@code shape}, {@code covenant},
 *       {@code forbidden-api}, {@code static-state}, {@code sync}), a message, and a 1-based line
 *       and column in the method source, sorted by position;</li>
 *   <li>a source that does not parse gets only {@code parse} findings (the other rules need a tree);</li>
 *   <li>{@link #audit(String, String)} also requires the method's name to equal the selector;</li>
 *   <li>instances are immutable and thread-safe; one can serve a whole process;</li>
 *   <li>fast: well under a millisecond for a 30-line method once warm
 *       ({@code GuardianBenchmark}).</li>
 * </ul>
 */
public final class PersistenceGuardian {

    /** Rule id: the source is not valid Java 17 inside a class. */
    public static final String PARSE = SourceParser.ID;
    /** Rule id: not exactly one method {@code Object name(UvmObject self, Object... args)}. */
    public static final String SHAPE = MethodShape.ID;
    /** Rule id: a state change not followed by {@code self.markChanged()} on some normal path. */
    public static final String COVENANT = CovenantRule.ID;
    /** Rule id: reaches for the process, files, network, threads, reflection… */
    public static final String FORBIDDEN_API = ForbiddenApiRule.ID;
    /** Rule id: static fields or initializers that could hold state outside the image. */
    public static final String STATIC_STATE = StaticStateRule.ID;
    /** Rule id: {@code synchronized}, {@code wait}, {@code notify}, locks. */
    public static final String SYNC = SyncRule.ID;

    private static final Comparator<Finding> BY_POSITION = Comparator.comparingInt(Finding::line)
            .thenComparingInt(Finding::column);

    private final SourceParser parser = new SourceParser();
    private final List<Rule> rules = List.of(new MethodShape(), new CovenantRule(), new ForbiddenApiRule(),
            new StaticStateRule(), new SyncRule());

    /** Audits a method source without a selector to match. */
    public Verdict audit(String source) {
        return audit(source, null);
    }

    /**
     * Audits a method source that will be installed under {@code selector}.
     *
     * @param source   the Java source of one method, nothing around it
     * @param selector the slot name it will be stored under, or null to skip the name check
     * @return the verdict: accepted exactly when no finding is an error
     */
    public Verdict audit(String source, String selector) {
        Objects.requireNonNull(source, "source");
        SourceParser.Outcome outcome = parser.parse(source, selector);
        if (outcome.parsed() == null) {
            return Verdict.of(outcome.problems());
        }
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                rule.check(outcome.parsed(), findings::add);
            } catch (RuntimeException | StackOverflowError e) {
                // a guardian bug or a pathological tree must refuse, not crash the editor or installer
                findings.add(Finding.error(rule.id(), "the guardian could not check this rule ("
                        + e.getClass().getSimpleName() + "); the method is refused until it can", 0, 0));
            }
        }
        findings.sort(BY_POSITION);
        return Verdict.of(findings);
    }
}
