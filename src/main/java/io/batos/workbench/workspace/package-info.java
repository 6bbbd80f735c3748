/**
 * The workspace: {@link io.batos.workbench.workspace.WorkspaceView} (receiver field, code area,
 * Ctrl+D / Ctrl+P / Ctrl+I) bound to {@link io.batos.workbench.workspace.WorkspaceViewModel}, which
 * evaluates snippets through {@link io.batos.kernel.Kernel#evaluate} and hands object answers to
 * the inspector. A send nobody understands starts a cognitive cycle, which opens in the
 * {@link io.batos.workbench.monitor monitor}; the answer shows once the cycle has committed.
 */
package io.batos.workbench.workspace;
