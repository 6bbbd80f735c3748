/**
 * The dataset review: the architect's side of the self-tuning flywheel (DESIGN.md §9, §11), where
 * the fine-tuning datasets ALFRED curates are read, judged example by example, and exported.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.workbench.datasets.DatasetsViewModel} — the datasets
 *       ({@link io.batos.kernel.Kernel#datasets}) with their counts by
 *       {@link io.batos.memory.flywheel.ReviewStatus}; the selected
 *       {@link io.batos.memory.flywheel.DatasetExample} split into system prompt, prompt (the user's
 *       turn) and completion (the assistant's turn, as an export would write it); the reviews —
 *       accept, reject, edit the completion — each one commit through
 *       {@link io.batos.kernel.Kernel#reviewDataset}; the export
 *       ({@link io.batos.kernel.Kernel#exportDataset}); and ALFRED's {@code DATASET_CURATED}
 *       announcement, which reaches the status bar and reloads the list.</li>
 *   <li>{@link io.batos.workbench.datasets.DatasetsView} — datasets and examples on the left, the
 *       prompt and the completion side by side on the right (the system prompt folded above them),
 *       Accept / Reject / Edit with Save and Cancel, and Export with its file chooser and its
 *       "accepted only" box.</li>
 * </ul>
 *
 * <p>Why reviews are commits and not view state: a review is the architect's judgement on data the
 * image holds, so it belongs in the image's history — the history view can undo it, the command
 * line ({@code batos dataset review}) and the server see it, and an export made anywhere follows
 * it. The curated text is never overwritten: an edit is kept beside it.
 */
package io.batos.workbench.datasets;
