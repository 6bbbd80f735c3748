package io.batos.cognition.llm;

import java.util.Objects;

/**
 * What a language model is, for the people looking at it.
 *
 * @param name    the model core's name
 * @param backend {@code onnx} for an embedded ONNX Runtime session, {@code server} for an
 *                OpenAI-compatible endpoint
 * @param device  where it runs ({@code cpu}, {@code cuda:0}, or the server's URL)
 * @param note    why the device is what it is when that differs from what was asked (a CUDA
 *                fallback), else empty
 * @param demo    true for the demo core: a scripted fixture, not a language model, and every
 *                view that names the model says so
 */
public record ModelDescription(String name, String backend, String device, String note, boolean demo) {

    public ModelDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        note = note == null ? "" : note;
    }

    /** The name as views show it: demo cores are labelled as such. */
    public String label() {
        return demo ? name + " (demo core, not a language model)" : name;
    }
}
