/**
 * Prototype objects in the Self tradition: slots, parents, lookup, sends and doesNotUnderstand.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.object.ObjectSpace} — the world of one image: lookup (own slots, then
 *       parents depth-first in order, cycle-safe), its cache keyed by the image's shape epoch,
 *       volatile slots, and the two plug points the kernel wires.</li>
 *   <li>{@link io.batos.object.UvmObject} — a handle on an object in a transaction: {@code get},
 *       {@code set}, {@code remove}, {@code send}, {@code markChanged}, {@code parents},
 *       {@code setParents}, {@code clone}.</li>
 *   <li>{@link io.batos.object.MethodInvoker} — how method slots run (the {@code code} layer
 *       implements it); {@link io.batos.object.DoesNotUnderstandHandler} — who answers a
 *       {@link io.batos.object.Message} nobody understood (the cognitive cycle, later); by default
 *       {@link io.batos.object.DoesNotUnderstandException}.</li>
 *   <li>{@link io.batos.object.Genesis} and {@link io.batos.object.GenesisStep} — the numbered,
 *       idempotent steps that build a world (lobby, traits, and what later layers add).</li>
 * </ul>
 */
package io.batos.object;
