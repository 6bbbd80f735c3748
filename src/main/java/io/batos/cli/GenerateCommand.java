package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.cognition.llm.ChatRequest;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.Device;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.ModelException;
import io.batos.cognition.llm.OnnxCausalLm;
import io.batos.cognition.llm.TokenListener;
import io.batos.image.ImageException;
import io.batos.kernel.Vessel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code batos generate}: one chat turn through a model directory or the image's cognitive core,
 * streaming the answer to stdout (or, with {@code --json}, printing the {@link Completion}'s figures).
 * Read-only on the image: it never commits.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Answer one prompt with a model directory (--model) or the image's cognitive core (--image)."})
final class GenerateCommand extends ImageCommand {
    @Option(names = "--model", paramLabel = "DIR", description = "an exported model directory (instead of the image's core)")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the user's turn")
    String prompt;

    @Option(names = "--system", paramLabel = "TEXT", description = "a system prompt")
    String system;

    @Option(names = "--persona", paramLabel = "NAME", description = "the persona whose LoRA adapter to use, if the model has one")
    String persona;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256", description = "at most N tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0", description = "0 for greedy decoding (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "sample among the K likeliest tokens (0: all)")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "sample among the likeliest tokens up to probability P")
    double topP;

    @Option(names = "--repetition-penalty", paramLabel = "R", defaultValue = "1", description = "penalise repeated tokens (1: off)")
    double repetitionPenalty;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "the sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "stop when this text appears (repeatable)")
    List<String> stops = new ArrayList<>();

    @Mixin
    EngineMixin engine;

    @Override
    public Integer call() {
        GenerationParams params;
        try {
            params = new GenerationParams(maxTokens, temperature, topK, topP, repetitionPenalty, seed, stops);
        } catch (IllegalArgumentException e) {
            throw new ImageException(ImageException.Code.USAGE, e.getMessage());
        }
        Device where = engine.device();
        ChatRequest request = ChatRequest.of(system, prompt).withPersona(persona);
        if (model != null) {
            try (LanguageModel lm = await(OnnxCausalLm.load(model, engine.options(model.getFileName().toString())))) {
                return answer(lm, request, params);
            }
        }
        try (Vessel vessel = openForReading()) {
            vessel.cognitiveCore().setDevice(where);
            return answer(await(vessel.cognitiveCore().model()), request, params);
        }
    }

    private int answer(LanguageModel lm, ChatRequest request, GenerationParams params) {
        String note = lm.description().note();
        if (!note.isEmpty()) {
            err().println("batos: " + note);
        }
        if (lm.description().demo()) {
            err().println("batos: " + lm.description().label());
        }
        err().flush();
        TokenListener stream = json ? TokenListener.NONE : (text, n) -> {
            out().print(text);
            out().flush();
        };
        Completion c = await(lm.generate(request, params, stream));
        if (json) {
            ObjectNode node = object();
            node.put("text", c.text());
            node.put("promptTokens", c.promptTokens());
            node.put("generatedTokens", c.generatedTokens());
            node.put("stopReason", c.stopReason().word());
            node.put("timeToFirstTokenMs", c.timeToFirstTokenMs());
            node.put("tokensPerSecond", c.tokensPerSecond());
            node.put("device", c.device());
            printJson(node);
        } else {
            out().println();
            out().flush();
            err().printf("%d prompt tokens, %d generated (%s), first token after %.0f ms, %.1f tokens/s on %s%n",
                    c.promptTokens(), c.generatedTokens(), c.stopReason().word(), c.timeToFirstTokenMs(),
                    c.tokensPerSecond(), c.device());
            err().flush();
        }
        return 0;
    }

    /** Waits for a model future, turning its failure back into the exception that explains it. */
    static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new ModelException(String.valueOf(cause), cause);
        }
    }
}
