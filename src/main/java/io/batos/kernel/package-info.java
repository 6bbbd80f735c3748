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
 * </ul>
 */
package io.batos.kernel;
