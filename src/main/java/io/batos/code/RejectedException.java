package io.batos.code;

import io.batos.image.ImageException;

/**
 * Thrown where an API must answer with a value but a check refused the source; it carries the
 * {@link Verdict}, so nothing of the findings is lost on the way to the user.
 */
public final class RejectedException extends ImageException {
    private final transient Verdict verdict;

    public RejectedException(String what, Verdict verdict) {
        super(Code.REJECTED, what + ": " + verdict.errors().stream().findFirst().map(Finding::toString)
                .orElse("refused"));
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }
}
