package io.batos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.cli.bench.BenchmarkRecord;
import io.batos.cli.bench.LoadWatch;
import io.batos.cli.bench.Machine;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.EngineOptions;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.OnnxCausalLm;
import io.batos.cognition.llm.TokenListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code batos bench generate --model DIR}: tokens per second and time to first token at several
 * context lengths, and the share of a decode step spent in Java rather than in ONNX Runtime.
 *
 * <p>Each context length gets one warm-up run and then {@code --runs} measured ones; the median is
 * reported. Prompts are seeded random token ids, so runs are comparable across machines.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Tokens/s, time to first token and Java overhead per decode step for a model directory.")
final class BenchGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the model directory")
    Path model;

    @Option(names = "--contexts", split = ",", defaultValue = "1,64,512", paramLabel = "N,…",
            description = "prompt lengths in tokens (default: ${DEFAULT-VALUE})")
    List<Integer> contexts;

    @Option(names = "--tokens", defaultValue = "128", paramLabel = "N", description = "tokens to generate per run (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "measured runs per context (default: ${DEFAULT-VALUE})")
    int runs;

    @Mixin
    EngineMixin engine;

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @Mixin
    RecordMixin record;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EngineOptions options = engine.options(model.getFileName().toString());
        ArrayNode rows = ImageCommand.array();
        List<BenchmarkRecord> records = new ArrayList<>();
        Machine.Run run = Machine.run();
        LoadWatch load = LoadWatch.start();
        try (OnnxCausalLm lm = GenerateCommand.await(OnnxCausalLm.load(model, options))) {
            if (!lm.description().note().isEmpty()) {
                err.println("batos: " + lm.description().note());
            }
            int vocab = lm.signature().vocabSize();
            if (!json) {
                out.printf("%s on %s: %d layers, %d KV heads × %d, vocab %d%n", lm.description().name(),
                        lm.description().device(), lm.signature().layers(), lm.signature().kvHeads(),
                        lm.signature().headDim(), vocab);
                out.printf("%8s %10s %12s %10s %10s%n", "context", "tokens", "ttft ms", "tokens/s", "java %");
            }
            GenerationParams params = GenerationParams.GREEDY.withMaxTokens(tokens);
            for (int context : contexts) {
                int[] prompt = prompt(context, vocab);
                GenerateCommand.await(lm.generateTokens(prompt, params, TokenListener.NONE));
                double[] ttft = new double[runs];
                double[] perSecond = new double[runs];
                double[] overhead = new double[runs];
                int generated = 0;
                for (int r = 0; r < runs; r++) {
                    Completion c = GenerateCommand.await(lm.generateTokens(prompt, params, TokenListener.NONE));
                    ttft[r] = c.timeToFirstTokenMs();
                    perSecond[r] = c.tokensPerSecond();
                    overhead[r] = lm.lastStats().overhead();
                    generated = c.generatedTokens();
                }
                records.addAll(records(lm, context, generated, median(ttft), median(perSecond), median(overhead),
                        load.range()));
                load.reset();
                ObjectNode row = rows.addObject();
                row.put("context", context);
                row.put("generatedTokens", generated);
                row.put("timeToFirstTokenMs", median(ttft));
                row.put("tokensPerSecond", median(perSecond));
                row.put("javaOverhead", median(overhead));
                if (!json) {
                    out.printf("%8d %10d %12.1f %10.1f %10.2f%n", context, generated, median(ttft), median(perSecond),
                            100 * median(overhead));
                    out.flush();
                }
            }
            if (json) {
                ObjectNode doc = ImageCommand.object();
                doc.put("model", lm.description().name());
                doc.put("device", lm.description().device());
                doc.set("results", rows);
                out.println(ImageCommand.jsonText(doc));
            }
            out.flush();
        } finally {
            load.close();
        }
        record.write("engine", records, "batos bench generate --model " + model + " --contexts "
                + contexts.stream().map(String::valueOf).collect(Collectors.joining(",")) + " --tokens " + tokens
                + " --runs " + runs + engine.asArguments(), run, err);
        return 0;
    }

    /**
     * The three figures of one context length. The Java share's target (≤ 3 %) holds for a model with
     * a real vocabulary (32,000 or more), whose logits dominate the Java work; on the tiny fixtures a
     * decode step is so short that the same microseconds are a larger share, so it is reported only.
     */
    private List<BenchmarkRecord> records(OnnxCausalLm lm, int context, int generated, double ttft,
            double perSecond, double overhead, String loadRange) {
        String name = model.getFileName() + " context=" + context;
        String of = String.format(Locale.ROOT, "%s (%d layers, vocab %,d, %s), context of %d %s",
                lm.description().name(), lm.signature().layers(), lm.signature().vocabSize(),
                lm.description().device(), context, context == 1 ? "token" : "tokens");
        String detail = String.format(Locale.ROOT, "median of %d runs of %d tokens", runs, generated);
        boolean realVocabulary = lm.signature().vocabSize() >= 32_000;
        return List.of(
                BenchmarkRecord.of("bench generate " + name + " javaShare",
                        "Java's share of a decode step (all but session.run): " + of, 100 * overhead, "%", detail,
                        realVocabulary ? "≤ 3" : "").withLoad(loadRange),
                BenchmarkRecord.of("bench generate " + name + " tokensPerSecond", "Decode speed: " + of,
                        perSecond, "tokens/s", detail, "").withLoad(loadRange),
                BenchmarkRecord.of("bench generate " + name + " timeToFirstToken",
                        "Time to first token (prefill in 256-token chunks): " + of, ttft, "ms", detail, "")
                        .withLoad(loadRange));
    }

    /** A seeded random prompt of {@code length} ids below the vocabulary's special range. */
    static int[] prompt(int length, int vocab) {
        SplittableRandom random = new SplittableRandom(length);
        int[] ids = new int[length];
        int ordinary = Math.max(2, Math.min(vocab, 256));
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(ordinary);
        }
        return ids;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
