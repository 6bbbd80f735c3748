/**
 * The inspector (Self's outliner with Glamorous-Toolkit moldable views):
 * {@link io.batos.workbench.inspector.InspectorView} shows one tab per
 * {@link io.batos.workbench.inspector.ObjectView} that applies, sorted by priority through the
 * {@link io.batos.workbench.inspector.ObjectViews} registry — {@link io.batos.workbench.inspector.SlotsView}
 * (expandable outline of {@link io.batos.workbench.inspector.OutlineRow}s, edits in place),
 * {@link io.batos.workbench.inspector.BlobView} (size and hash) and
 * {@link io.batos.workbench.inspector.CycleView} (a cognitive cycle's state, brief and findings,
 * first for the objects the orchestrator makes). A view that throws shows an error
 * pane. State and kernel work live in {@link io.batos.workbench.inspector.InspectorViewModel}.
 */
package io.batos.workbench.inspector;
