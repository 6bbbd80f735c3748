/**
 * The self-tuning flywheel: ALFRED's meta-analysis of the cycles Fractal Memory remembers, and his
 * curation of their successes into fine-tuning datasets the architect reviews (DESIGN.md §9).
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.memory.flywheel.MetaAnalysis} folds catalog documents into a
 *       {@link io.batos.memory.flywheel.MetacognitionReport}: totals, outcomes per mission type,
 *       success rate per state and persona, the most frequent failure findings, what the
 *       self-correction loop achieved, and failure patterns by (state, rule, persona) with how
 *       often a correction then rescued the mission. Pure: the same documents, the same report.</li>
 *   <li>{@link io.batos.memory.flywheel.Curator} — when a mission type has enough new successes
 *       ({@code curation_threshold} in ALFRED's codex), their SYNTHESIZING exchanges become
 *       {@link io.batos.memory.flywheel.ChatExample}s (system, user, assistant: the installed
 *       method), deduplicated with provenance, stored as a JSONL blob plus a
 *       {@link io.batos.memory.flywheel.Dataset} object, and announced on topic {@code dataset}.</li>
 *   <li>{@link io.batos.memory.flywheel.Datasets} — {@code lobby.datasets} as one transaction sees
 *       it: the datasets, each {@link io.batos.memory.flywheel.DatasetExample}'s
 *       {@link io.batos.memory.flywheel.ReviewStatus}, the cycles already consumed.</li>
 *   <li>{@link io.batos.memory.flywheel.FlywheelGenesis} — genesis step 13: the shelf, ALFRED's
 *       {@code analyzeCognitiveCycles} and {@code curateFineTuningDatasets} slots, the
 *       threshold.</li>
 * </ul>
 *
 * <p>The kernel's {@code Flywheel} binds the primitives, checks edits and exports against the
 * chat-format schema through the DataGuardian, and its autotelic loop sends ALFRED the messages.
 * This package stands on {@code io.batos.memory} (documents, the catalog's reader), the image and
 * the event bus; nothing here knows the state machine.
 */
package io.batos.memory.flywheel;
