package io.batos.image;

import java.util.List;

/**
 * A rule every commit of an image must pass, run after the write set is final and before anything
 * is written; a refusal fails that commit and nothing reaches the log or the index.
 *
 * <p>Why a hook: the layers above the image own rules the image cannot know — the Data Covenant
 * (DESIGN.md §6: an object whose {@code covenant} slot names a JSON Schema is validated at every
 * commit that changes it) reads that schema from ALFRED's codex with the object layer and checks
 * it with the guardian. The image imports no other project package, so it offers this one door and
 * the kernel plugs the check in ({@link LivingImage#addCommitCheck}).
 *
 * <p>Contract:
 * <ul>
 *   <li>it runs on the committing thread, inside {@link Transaction#commit()}, after the
 *       Persistence Covenant check and before the commit is queued for the log — so it sees the
 *       transaction's own view (its snapshot plus its writes), not slots a concurrent commit may
 *       later merge in (slot-level merging, DESIGN.md §3: write skew is possible here too);</li>
 *   <li>the transaction is still open and may be read through ({@code get}, {@code peek},
 *       {@code has}, the object layer), but not written: a write there would never be committed,
 *       so {@code set}, {@code remove}, {@code create} and {@code markChanged} fail while checks
 *       run;</li>
 *   <li>to refuse, throw an {@link ImageException} (a guardian throws one with code
 *       {@code REJECTED} carrying its findings); the commit rethrows it and the transaction ends
 *       aborted;</li>
 *   <li>it is called only for commits that write something, and must be cheap for the objects it
 *       does not care about: every commit of the image pays for it.</li>
 * </ul>
 */
@FunctionalInterface
public interface CommitCheck {

    /**
     * Checks a commit before it is written.
     *
     * @param tx      the committing transaction, open for reading only
     * @param changed the oids the commit writes (created or changed), ascending, never empty
     * @throws ImageException to refuse the commit
     */
    void check(Transaction tx, List<Long> changed);
}
