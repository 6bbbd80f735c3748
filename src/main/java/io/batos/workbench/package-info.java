/**
 * The BAT OS Workbench: the JavaFX environment the architect lives in (DESIGN.md §11), and the only
 * package that sees JavaFX.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.workbench.Workbench} — the plain launcher ({@code batos} with no command
 *       reaches it by name); {@link io.batos.workbench.WorkbenchApp} opens the image off the FX
 *       thread behind a loading pane, sets the kernel's guard against the FX thread, and closes the
 *       image cleanly when the window closes — after asking, when cycles are in flight, and cancelling
 *       them ({@link io.batos.workbench.WorkbenchWindow#requestClose}).</li>
 *   <li>{@link io.batos.workbench.WorkbenchWindow} puts a {@link io.batos.workbench.MainView} (menus,
 *       tabs beside the inspector, status bar) on a stage and restores/saves the
 *       {@link io.batos.workbench.WorkbenchState} kept in the user's config directory, never in the
 *       image.</li>
 *   <li>{@link io.batos.workbench.MainViewModel} — title ({@code BAT OS Workbench — PATH — tx N}) and
 *       status figures; {@link io.batos.workbench.Notifications} — the shared one-line message and
 *       last commit every ViewModel reports to.</li>
 *   <li>{@link io.batos.workbench.TaskExecutor} — how every kernel call leaves the FX thread
 *       ({@link io.batos.workbench.FxTaskExecutor} in the app, {@code sameThread()} in ViewModel
 *       tests); {@code runApart} for sends that may wait on a cognitive cycle.</li>
 *   <li>{@link io.batos.workbench.EventFeed} — the kernel's live events (commits, cycle transitions,
 *       the model's streamed output) handed to the FX thread in batches, at most one drain pending,
 *       to listeners by topic.</li>
 *   <li>Views, each {@code FooView} + {@code FooViewModel}: {@link io.batos.workbench.browser}
 *       (object browser), {@link io.batos.workbench.inspector} (outliner with moldable
 *       {@link io.batos.workbench.inspector.ObjectView}s), {@link io.batos.workbench.workspace}
 *       (Do it / Print it / Inspect it; a send nobody understands starts a cycle),
 *       {@link io.batos.workbench.monitor} (the PSM monitor), {@link io.batos.workbench.verdicts}
 *       (the guardian verdict queue: approve or reject parked cycles; its tab carries a badge),
 *       {@link io.batos.workbench.model} (the cognitive core's status and the actions that replace
 *       it), {@link io.batos.workbench.memory} (Fractal Memory search, a cycle's story, the
 *       metacognition report as charts) and {@link io.batos.workbench.datasets} (review and export
 *       of ALFRED's curated datasets); {@code editor} and {@code history} follow the same pattern.
 *       Views that follow the image live take bus events from the
 *       {@link io.batos.workbench.EventFeed}, batched onto the FX thread.</li>
 * </ul>
 *
 * <p>The rule every class here keeps: the ViewModel talks to {@link io.batos.kernel.Kernel} only
 * through the {@code TaskExecutor}; the view binds to the ViewModel and never touches the kernel.
 */
package io.batos.workbench;
