package io.batos.cognition.llm;

import java.util.Objects;

/**
 * How an embedded model is run: on which device, with how many threads, and how it is labelled.
 *
 * @param name            the model's name as views show it
 * @param device          where to run it
 * @param intraOpThreads  threads ONNX Runtime uses inside one operator (0: its default, one per core)
 * @param prefillChunk    at most this many prompt tokens go through the model in one run; a long
 *                        prompt is prefilled in chunks so its logits never need more memory than
 *                        {@code prefillChunk × vocabulary} floats
 * @param memoryArena     whether ONNX Runtime's CPU arena allocator is on (faster; holds on to its
 *                        peak memory)
 * @param demo            true for the demo core, labelled everywhere as not a language model
 */
public record EngineOptions(String name, Device device, int intraOpThreads, int prefillChunk, boolean memoryArena,
                            boolean demo) {

    public EngineOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be 0 (default) or more");
        }
        if (prefillChunk < 1) {
            throw new IllegalArgumentException("prefillChunk must be at least 1");
        }
    }

    /** CPU, ONNX Runtime's default thread count, prefill chunks of 256 tokens, arena on. */
    public static EngineOptions defaults(String name) {
        return new EngineOptions(name, Device.CPU, 0, 256, true, false);
    }

    public EngineOptions withDevice(Device d) {
        return new EngineOptions(name, d, intraOpThreads, prefillChunk, memoryArena, demo);
    }

    public EngineOptions withThreads(int threads) {
        return new EngineOptions(name, device, threads, prefillChunk, memoryArena, demo);
    }

    public EngineOptions withPrefillChunk(int tokens) {
        return new EngineOptions(name, device, intraOpThreads, tokens, memoryArena, demo);
    }

    public EngineOptions asDemo() {
        return new EngineOptions(name, device, intraOpThreads, prefillChunk, memoryArena, true);
    }
}
