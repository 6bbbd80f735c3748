/**
 * The guardian verdict queue (DESIGN.md §8, §11): where the architect reads a thought before it
 * becomes part of the image, and approves or rejects it.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>A cognitive cycle whose artifact passed ALFRED's checks parks when the approval policy asks
 *       for the architect ({@code always}, or {@code on-findings} with findings) and the caller can
 *       show a queue; its transaction stays open meanwhile. The kernel lists the parked cycles as
 *       {@link io.batos.kernel.CycleInfo} snapshots ({@link io.batos.kernel.Kernel#awaitingApproval()},
 *       the same {@link io.batos.kernel.Cycles} code the server's {@code cycles} and {@code cycle}
 *       operations read), each with what the receiver answers for the selector now.</li>
 *   <li>{@link io.batos.workbench.verdicts.VerdictQueueViewModel} holds the queue, the selected
 *       cycle, its findings (the verdict's, with severities, and the earlier attempts' lines) and
 *       its artifact as side-by-side rows; it decides through {@link io.batos.kernel.Kernel#approve}
 *       and {@link io.batos.kernel.Kernel#reject} (with the architect's note) and follows the image
 *       live through {@code onEvent}. Its {@code countProperty()} is the Verdicts tab's badge.</li>
 *   <li>{@link io.batos.workbench.verdicts.LineDiff} — a line diff by longest common subsequence
 *       and its side-by-side rows: the artifact against the method it would replace.</li>
 *   <li>{@link io.batos.workbench.verdicts.VerdictQueueView} renders all that and dispatches the
 *       buttons; Inspect opens the cycle's object in the inspector, whose
 *       {@link io.batos.workbench.inspector.CycleView} shows state, brief and findings.</li>
 * </ul>
 *
 * <p>Approving commits the cycle's transaction (re-validated on a fresh snapshot after a conflict);
 * rejecting dooms it, so the image is exactly as it was and the cycle ends FAILED with the note.
 */
package io.batos.workbench.verdicts;
