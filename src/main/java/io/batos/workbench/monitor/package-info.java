/**
 * The PSM monitor: cognitive cycles watched while they think (DESIGN.md §11).
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.workbench.monitor.MonitorViewModel} — the picture without a view: the cycle
 *       list as {@link io.batos.workbench.monitor.CycleRow}s, and for the selected cycle its state,
 *       the states it passed, its {@link io.batos.workbench.monitor.TimelineEntry timeline}, the
 *       personas' prompts and the model's raw answers, the streamed output and tokens/s; cancel.</li>
 *   <li>{@link io.batos.workbench.monitor.MonitorView} — the table, the diagram and the tabs
 *       (Timeline, Prompts &amp; responses, Model output, Details) bound to it.</li>
 *   <li>{@link io.batos.workbench.monitor.PsmDiagram} — IDLE → DECOMPOSING → DELEGATING →
 *       SYNTHESIZING → VALIDATING → AWAITING APPROVAL → COMPLETE, and FAILED, with the active state
 *       filled.</li>
 * </ul>
 *
 * <p>Where the picture comes from: the cycles' events reach the view model in batches on the UI
 * thread through the {@link io.batos.workbench.EventFeed} — transitions on topic {@code psm},
 * the model's output on topic {@code tokens} — and everything else from
 * {@link io.batos.kernel.Kernel#cycles()}, {@link io.batos.kernel.Kernel#cycle(String)} and
 * {@link io.batos.kernel.Kernel#cancelCycle(String)}, through the
 * {@link io.batos.workbench.TaskExecutor} as every view does. The workspace opens a cycle here
 * when a send it ran was not understood.
 */
package io.batos.workbench.monitor;
