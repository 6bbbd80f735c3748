/**
 * The vessel: what wires the layers together for one process, and the facade every client shares.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.kernel.Vessel} — opens an image, applies this build's genesis, closes
 *       everything in order (the image last).</li>
 *   <li>{@link io.batos.kernel.Targets} — the TARGET syntax ({@code lobby}, {@code lobby.a.b},
 *       {@code @OID}) shared by the command line, the workbench and the server.</li>
 *   <li>{@link io.batos.kernel.ValueJson} — slot values as JSON with the tagged forms of
 *       DESIGN.md §12, both ways.</li>
 *   <li>{@link io.batos.kernel.ModelCore} — the image's record of its cognitive core (the lobby's
 *       {@code pLLM}): model files as blobs with their architecture, or a server's URL.</li>
 *   <li>{@link io.batos.kernel.ModelImporter} — {@code model import|connect|demo}: checks a model
 *       runs, streams it into blobs, records it in one transaction.</li>
 *   <li>{@link io.batos.kernel.CognitiveCore} — resurrects the recorded core on first use, from the
 *       blobs through named links in {@code vessel/} (blueprint BUG-02), and reports it as a
 *       {@link io.batos.kernel.ModelStatus} (device, fallback reason, the last answer's tokens per
 *       second and time to first token) without loading it.</li>
 *   <li>{@link io.batos.kernel.Cycles} — the verdict queue as every client sees it:
 *       {@link io.batos.kernel.CycleInfo} snapshots of the orchestrator's cycles (with the slot an
 *       artifact would replace), approve and reject; the workbench and the server's {@code cycles},
 *       {@code cycle}, {@code approve} and {@code reject} operations share it through the
 *       {@link io.batos.kernel.Kernel} facade.</li>
 *   <li>{@link io.batos.kernel.UserConfig} — the user's config directory, where API keys live
 *       (never in an image).</li>
 *   <li>{@code DataCovenantCheck} — the Data Covenant at commit, plugged into the image's
 *       {@link io.batos.image.CommitCheck} hook by the vessel: an object whose own {@code covenant}
 *       slot names a covenant is validated at every commit that changes it;
 *       {@code CodexCovenants} reads the covenants from ALFRED's codex through the transaction at
 *       hand ({@link io.batos.kernel.Vessel#dataGuardian}).</li>
 *   <li>{@link io.batos.kernel.Flywheel} — ALFRED's meta-analysis and curation and the review and
 *       export of datasets for every client, with exports checked against the chat-format schema;
 *       {@link io.batos.kernel.AutotelicLoop} — on a schedule and at close, in long-running
 *       processes only, sends ALFRED ingestion, analysis and curation.</li>
 * </ul>
 */
package io.batos.kernel;
