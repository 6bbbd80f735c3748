package io.batos.kernel;

import io.batos.cognition.llm.Completion;
import java.time.Instant;

/**
 * The cognitive core as a status panel shows it: which model, whether it is the demo core, where
 * it runs (and why, when that is not where it was asked to run), and how fast it last answered.
 *
 * <p>Reading a status never loads the model: until something has used it, {@code loaded} is false
 * and {@code device} is the device that was asked for.
 *
 * @param present   whether there is a core at all (recorded in the image, or attached by the process)
 * @param name      the model's name (null without a core)
 * @param kind      {@code onnx}, {@code demo}, {@code server}, or {@code attached} for a model the
 *                  process attached; null without a core
 * @param demo      true for the demo core: a scripted fixture, not a language model
 * @param label     the name as every view shows it (demo cores say so); null without a core
 * @param url       a server core's URL, else null
 * @param loaded    whether the model is loaded in this process
 * @param device    where it runs once loaded ({@code cpu}, {@code cuda:0}, a server's URL), else the
 *                  device asked for
 * @param note      why it runs where it runs when that differs from what was asked (a CUDA fallback
 *                  to the CPU), else empty
 * @param loadError the one-line reason the last load failed, else null
 * @param last      the figures of the last answer the core gave in this process, or null
 */
public record ModelStatus(boolean present, String name, String kind, boolean demo, String label, String url,
                          boolean loaded, String device, String note, String loadError, Figures last) {

    public ModelStatus {
        note = note == null ? "" : note;
    }

    /**
     * How one answer went, from its {@link Completion}.
     *
     * @param tokensPerSecond    generated tokens per second after the first
     * @param timeToFirstTokenMs milliseconds to the first generated token
     * @param promptTokens       tokens in the prompt
     * @param generatedTokens    tokens generated
     * @param device             where it ran
     * @param at                 when it finished
     */
    public record Figures(double tokensPerSecond, double timeToFirstTokenMs, int promptTokens, int generatedTokens,
                          String device, Instant at) {

        /** The figures of a completion that finished now. */
        public static Figures of(Completion c) {
            return new Figures(c.tokensPerSecond(), c.timeToFirstTokenMs(), c.promptTokens(), c.generatedTokens(),
                    c.device(), Instant.now());
        }
    }
}
