/**
 * The cognitive core: the language model that writes missing methods, behind one interface.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.cognition.llm.LanguageModel} — {@code generate(request, params, listener)}
 *       returns a future; nothing runs on the caller's thread.</li>
 *   <li>{@link io.batos.cognition.llm.ChatRequest}, {@link io.batos.cognition.llm.ChatMessage},
 *       {@link io.batos.cognition.llm.GenerationParams} — what is asked and how to decode;
 *       {@link io.batos.cognition.llm.Completion} and {@link io.batos.cognition.llm.StopReason} —
 *       what came back and why it ended.</li>
 * </ul>
 */
package io.batos.cognition.llm;
