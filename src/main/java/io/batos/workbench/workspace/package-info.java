/**
 * The workspace: {@link io.batos.workbench.workspace.WorkspaceView} (receiver field, code area,
 * Ctrl+D / Ctrl+P / Ctrl+I) bound to {@link io.batos.workbench.workspace.WorkspaceViewModel}, which
 * evaluates snippets through {@link io.batos.kernel.Kernel#evaluate} and hands object answers to
 * the inspector.
 */
package io.batos.workbench.workspace;
