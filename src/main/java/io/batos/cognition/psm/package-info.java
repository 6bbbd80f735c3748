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
 * </ul>
 */
package io.batos.cognition.psm;
