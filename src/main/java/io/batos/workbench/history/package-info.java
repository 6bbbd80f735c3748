/**
 * The history tool: the image's transaction log, an object's revisions, diffs between them, and undo.
 *
 * <p>{@link io.batos.workbench.history.HistoryView} shows the log as a table; picking a transaction
 * lists the objects it wrote, picking one of those lists its revisions, and picking one or two
 * revisions shows a unified diff ({@link io.batos.workbench.history.StateDiff}, java-diff-utils) of the
 * object's states rendered as {@code slot = json} lines. Undo asks the kernel for a new transaction
 * that restores the states before the chosen one, and shows the kernel's refusal reason when a later
 * transaction touched the same objects.
 *
 * <p>Why this shape: {@link io.batos.workbench.history.HistoryViewModel} holds all state and reaches
 * the {@link io.batos.kernel.Kernel} only through a {@link io.batos.workbench.TaskExecutor}, so the FX
 * thread never reads the log, and tests drive it with a same-thread executor and a real image.
 */
package io.batos.workbench.history;
