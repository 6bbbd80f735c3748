/**
 * The cognitive core: the language model that writes missing methods, behind one interface.
 *
 * <p>Two backends answer the same {@link io.batos.cognition.llm.LanguageModel}: a Llama 3 ONNX
 * export run in this process by ONNX Runtime, and a server that speaks the OpenAI chat protocol.
 * Both stream text in batches and never run on their caller's thread (blueprint VULN-03, BUG-05).
 * The generated fixture models of {@link io.batos.cognition.llm.fixture} exercise the first on any
 * machine.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.cognition.llm.LanguageModel} — {@code generate(request, params, listener)}
 *       returns a future; nothing runs on the caller's thread.</li>
 *   <li>{@link io.batos.cognition.llm.ChatRequest}, {@link io.batos.cognition.llm.ChatMessage},
 *       {@link io.batos.cognition.llm.GenerationParams} — what is asked and how to decode;
 *       {@link io.batos.cognition.llm.Completion} and {@link io.batos.cognition.llm.StopReason} —
 *       what came back and why it ended.</li>
 *   <li>{@link io.batos.cognition.llm.OpenAiCompatibleModel} — a model in a running llama.cpp,
 *       vLLM or Ollama server, over {@code /v1/chat/completions}: streamed answers, JSON Schema as
 *       {@code response_format}, cancel closes the connection, one-line errors naming the URL.
 *       {@link io.batos.cognition.llm.ChatCompletionsJson} holds the wire format and
 *       {@link io.batos.cognition.llm.ServerSentEvents} reads the stream.</li>
 * </ul>
 */
package io.batos.cognition.llm;
