/**
 * The model status panel (DESIGN.md §7, §11): which cognitive core the image has, where it runs,
 * how fast it answers, and the actions that replace it.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>The image records its core as a {@link io.batos.kernel.ModelCore} (an imported ONNX model,
 *       a server's URL, or the demo core — a scripted fixture, labelled everywhere as not a
 *       language model); the process brings it to life on first use. The kernel reports both as a
 *       {@link io.batos.kernel.ModelStatus} without loading anything: the name, the device (and,
 *       when CUDA was asked for but the CPU is used, the reason), and the figures of the last
 *       answer the core gave — tokens per second and time to first token.</li>
 *   <li>{@link io.batos.workbench.model.ModelViewModel} shows that status and runs the actions
 *       through the kernel facade — {@link io.batos.kernel.Kernel#importModel},
 *       {@link io.batos.kernel.Kernel#connectModel}, {@link io.batos.kernel.Kernel#demoModel} (the
 *       code behind {@code batos model import|connect|demo}), {@link io.batos.kernel.Kernel#loadModel}
 *       and {@link io.batos.kernel.Kernel#generate} for "Try it" — one at a time, with progress and
 *       Cancel.</li>
 *   <li>{@link io.batos.workbench.model.ModelView} renders it: the demo label, the facts, the
 *       action buttons (a directory chooser for Import, a URL dialog for Connect), the progress
 *       row, and the prompt to try.</li>
 * </ul>
 */
package io.batos.workbench.model;
