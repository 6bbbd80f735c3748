/**
 * Events: what the system tells whoever watches it.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.events.Event} — a topic, a type, JSON-friendly fields and a time.</li>
 *   <li>{@link io.batos.events.EventBus} — publish and subscribe; the kernel implements it, every
 *       layer may publish.</li>
 * </ul>
 */
package io.batos.events;
