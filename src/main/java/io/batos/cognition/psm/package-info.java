/**
 * The Prototypal State Machine: doesNotUnderstand as a thought that plans, writes, validates and
 * commits a missing method — or leaves no trace.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.cognition.psm.PsmGenesis} — the states IDLE … FAILED as objects in the image,
 *       each with a {@code processSynthesis} primitive, and the personas with their codex.</li>
 *   <li>{@link io.batos.cognition.psm.Codex} — who the personas are, the prompt of each state, the
 *       data covenants and the approval policy: seeded from {@code resources/codex/}, edited in the
 *       image.</li>
 *   <li>{@link io.batos.cognition.psm.Orchestrator} — runs cycles: one transaction each, advanced by
 *       {@code processSynthesis} sends; approval, correction, conflict re-validation, cancel (the
 *       cycle ends FAILED with nothing written; closing cancels what still runs); events on topic
 *       {@code psm}, and the model's streamed output on topic {@code tokens}.</li>
 *   <li>{@link io.batos.cognition.psm.CognitiveCycle} — one thought as the process sees it; its
 *       outcome future is the only way to wait for it. {@link io.batos.cognition.psm.CycleOutcome} —
 *       how it ended, with every finding.</li>
 *   <li>{@link io.batos.cognition.psm.MissionBrief} — what a cycle is asked (a method or a data
 *       mission), with a correction's flawed artifact and findings.</li>
 *   <li>{@link io.batos.cognition.psm.PersonaExchange} — one prompt a persona sent and the model's raw
 *       answer, kept on the cycle for the workbench's monitor.</li>
 *   <li>{@code PersonaVoices} (prompts from the codex, asked of the model, its output streamed
 *       through a {@code TokenStream}), {@code ArtifactChecks}
 *       (ALFRED's covenant, guardian, compiler and trial run) and {@code CycleEvents} (audit-shaped
 *       events) — the orchestrator's three helpers.</li>
 *   <li>{@link io.batos.cognition.psm.ApprovalPolicy} — {@code always}, {@code on-findings},
 *       {@code never}; {@code Prompts} and {@code ArtifactReader} fill templates and read answers.</li>
 * </ul>
 */
package io.batos.cognition.psm;
