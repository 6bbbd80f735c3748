/**
 * The code editor: where a method is written, checked as it is typed, and accepted into the image.
 *
 * <p>{@link io.batos.workbench.editor.CodeEditorView} is a RichTextFX code area with line numbers,
 * undo, a find bar and a findings list; {@link io.batos.workbench.editor.CodeEditorViewModel} holds
 * what it shows (source, selector, target object, findings, status, dirty) and talks to the
 * {@link io.batos.kernel.Kernel} only through a {@link io.batos.workbench.TaskExecutor}, so the FX
 * thread never waits on the guardian, the compiler or the image.
 *
 * <p>Why this shape: following RichTextFX's Java-keywords demo, edits are debounced (300 ms), the
 * styling ({@link io.batos.workbench.editor.JavaHighlighter}) and the check run off the FX thread,
 * and only the result for the text still in the editor is applied. Findings become squiggles by
 * {@link io.batos.workbench.editor.FindingRanges}, which maps a finding's 1-based line and column to
 * a character range. Ctrl+S accepts: one {@code install} transaction, or the verdict and nothing
 * written.
 */
package io.batos.workbench.editor;
