package io.batos.cognition.psm;

import io.batos.code.Finding;
import io.batos.code.MethodRuntime;
import io.batos.code.Verdict;
import io.batos.guardian.PersistenceGuardian;
import io.batos.image.MethodSource;
import io.batos.image.Savepoint;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * ALFRED's checks of an artifact in VALIDATING: its data covenant; for a method the shape, the
 * PersistenceGuardian, compilation with the sandbox, and a trial run on the original receiver and
 * arguments inside a savepoint that is rolled back, so the trial leaves nothing behind.
 *
 * <p>A refusal is a {@link Verdict}, never an exception; a trial that throws, runs away or is
 * refused by the sandbox is a {@code trial} finding with the first lines of its trace.
 */
final class ArtifactChecks {
    private final ObjectSpace space;
    private final MethodRuntime methods;
    private final PersistenceGuardian guardian;
    private final Orchestrator.CovenantValidator covenants;

    ArtifactChecks(ObjectSpace space, MethodRuntime methods, PersistenceGuardian guardian,
                   Orchestrator.CovenantValidator covenants) {
        this.space = space;
        this.methods = methods;
        this.guardian = guardian;
        this.covenants = covenants;
    }

    /** The artifact's covenant, and for a method the guardian, the compiler with the sandbox and a trial run. */
    Verdict validate(CognitiveCycle c, Transaction tx) {
        MissionBrief brief = c.brief();
        String covenant = brief.isMethod() ? "MethodArtifact" : brief.covenant();
        Verdict verdict = covenants.validate(covenant, c.artifact.toString());
        if (!verdict.accepted() || !brief.isMethod()) {
            return verdict;
        }
        String selector = c.artifact.path("selector").asText();
        String source = c.artifact.path("source").asText();
        if (!selector.equals(brief.selector())) {
            return verdict.and(Verdict.of(List.of(Finding.error("shape", "the artifact's selector is '" + selector
                    + "' but the mission is '" + brief.selector() + "'", 0, 0))));
        }
        verdict = verdict.and(guardian.audit(source));
        if (!verdict.accepted()) {
            return verdict;
        }
        verdict = verdict.and(methods.check(source, selector));
        if (!verdict.accepted()) {
            return verdict;
        }
        return verdict.and(trial(c, tx, selector, source));
    }

    /** Runs the new method on the original receiver and arguments, then rolls everything back. */
    private Verdict trial(CognitiveCycle c, Transaction tx, String selector, String source) {
        Savepoint before = tx.savepoint();
        try {
            UvmObject receiver = space.object(tx, c.brief().receiver());
            receiver.set(selector, new MethodSource(source));
            Object result = receiver.send(selector, c.arguments().toArray());
            c.trialResult = String.valueOf(result);
            return Verdict.clean();
        } catch (RuntimeException | Error e) {
            c.trialResult = "threw " + Orchestrator.shortMessage(e);
            return Verdict.of(List.of(Finding.error("trial", "the trial run on @" + c.brief().receiver() + " with "
                    + c.brief().argumentsJson() + " threw " + firstLines(e), 0, 0)));
        } finally {
            tx.rollbackTo(before);
        }
    }

    static String firstLines(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return String.join(" | ", out.toString().lines().limit(4).map(String::strip).toList());
    }

}
