package io.batos.guardian;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.image.ImageException;
import java.util.stream.Collectors;

/**
 * Thrown by a commit that would write an object breaking its data covenant; nothing was written.
 *
 * <p>Inside the guardian a rejection is a {@link Verdict}; a commit, though, can only succeed or
 * fail, so the commit check turns a rejected verdict into this exception and carries the verdict
 * with it — the command line prints its one line (every finding in it; exit 4, {@code rejected}),
 * and a cognitive cycle takes {@link #verdict()} into its corrective brief.
 */
public final class DataCovenantException extends ImageException {
    private final long oid;
    private final String covenant;
    private final transient Verdict verdict;

    /**
     * @param oid      the object that would break its covenant
     * @param covenant what its {@code covenant} slot names (as text)
     * @param verdict  the rejected verdict, with every finding
     */
    public DataCovenantException(long oid, String covenant, Verdict verdict) {
        super(Code.REJECTED, "data covenant '" + covenant + "' refused @" + oid + ", nothing committed: "
                + verdict.errors().stream().map(Finding::message).collect(Collectors.joining("; ")));
        this.oid = oid;
        this.covenant = covenant;
        this.verdict = verdict;
    }

    /** The object that would have broken its covenant. */
    public long oid() {
        return oid;
    }

    /** The covenant it names. */
    public String covenant() {
        return covenant;
    }

    /** Every finding, for a corrective brief or a verdict view. */
    public Verdict verdict() {
        return verdict;
    }
}
