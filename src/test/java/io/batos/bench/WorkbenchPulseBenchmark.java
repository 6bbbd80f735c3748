package io.batos.bench;

import io.batos.cli.bench.BenchmarkLedger;
import io.batos.cli.bench.BenchmarkRecord;
import io.batos.cli.bench.LoadWatch;
import io.batos.cli.bench.Machine;
import io.batos.cognition.llm.ChatMessage;
import io.batos.cognition.llm.ChatRequest;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.ModelDescription;
import io.batos.cognition.llm.StopReason;
import io.batos.cognition.llm.TokenListener;
import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import io.batos.testing.ScriptedLanguageModel;
import io.batos.workbench.FxTaskExecutor;
import io.batos.workbench.WorkbenchWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The workbench under load (issue 9): the gaps between JavaFX pulses while a model streams fast
 * and cycles run, with the monitor on screen showing the stream. Not a JMH benchmark — JMH's forks
 * and the JavaFX toolkit's one-per-process life do not mix — but a plain main, run headless on
 * Monocle (it sets the properties itself when they are not given).
 *
 * <p>What it does: opens a fresh image, attaches a scripted model that streams every answer one
 * small token at a time at {@code --rate} tokens/s (default 2,000; BABS's facet and ROBIN's
 * rationale are padded to {@code --tokens} tokens each, default 6,000), shows the workbench window
 * with the approval policy {@code never}, and sends {@code fibonacci} to {@code --cycles} fresh
 * receivers (default 3) from the workspace, one after the other; each opens in the monitor, which
 * renders the streamed output. An {@link AnimationTimer} records the time of every pulse; the
 * figures are the gaps between pulses while the cycles run (p50, p99, max), beside an idle
 * baseline of the same length. Target: p99 ≤ 100 ms. A run with the monitor watching records both
 * p99s in the benchmark record ({@code workbench.json}) and renders BENCHMARKS.md's table.
 *
 * <pre>
 * mvn -q -o -Pbench test-compile exec:exec -Dbench.main=io.batos.bench.WorkbenchPulseBenchmark \
 *     -Dbench.args="--rate 2000 --tokens 6000 --cycles 3 --warmup 1"
 * </pre>
 */
public final class WorkbenchPulseBenchmark {
    static final String FIB = io.batos.testing.TaughtMethods.FIBONACCI;

    private WorkbenchPulseBenchmark() {
    }

    /** A model that streams its scripted answers a token (about four characters) at a time, fast. */
    static final class StreamingModel implements LanguageModel {
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-streaming-model");
            t.setDaemon(true);
            return t;
        });
        private final long nanosPerToken;
        private final String filler;
        volatile long tokensStreamed;

        StreamingModel(int tokensPerSecond, int paddingTokens) {
            this.nanosPerToken = 1_000_000_000L / tokensPerSecond;
            StringBuilder words = new StringBuilder();
            for (int i = 0; words.length() < paddingTokens * 4; i++) {
                words.append(i % 7 == 0 ? "the " : i % 5 == 0 ? "cycle " : i % 3 == 0 ? "writes " : "text ");
            }
            this.filler = words.toString().strip();
        }

        @Override
        public CompletableFuture<Completion> generate(ChatRequest request, GenerationParams params,
                                                      TokenListener listener) {
            String prompt = request.messages().get(request.messages().size() - 1).content();
            String answer = prompt.contains("MissionPlan") ? ScriptedLanguageModel.plan("fibonacci")
                    : prompt.contains("MethodArtifact") ? "{\"selector\": \"fibonacci\", \"source\": "
                    + com.fasterxml.jackson.databind.node.TextNode.valueOf(FIB) + ", \"rationale\": \"" + filler + "\"}"
                    : "Nothing similar yet; " + filler;
            CompletableFuture<Completion> done = new CompletableFuture<>();
            thread.execute(() -> {
                long start = System.nanoTime();
                int tokens = 0;
                for (int at = 0; at < answer.length() && !done.isCancelled(); at += 4) {
                    long due = start + tokens * nanosPerToken;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (listener != null) {
                        listener.onTokens(answer.substring(at, Math.min(answer.length(), at + 4)), 1);
                    }
                    tokens++;
                }
                tokensStreamed += tokens;
                double seconds = (System.nanoTime() - start) / 1e9;
                done.complete(new Completion(answer, new int[0], 100, tokens, StopReason.END_OF_TURN, 1,
                        tokens / seconds, "bench"));
            });
            return done;
        }

        @Override
        public ModelDescription description() {
            return new ModelDescription("streaming bench model", "bench", "bench", "", false);
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    /** Every pulse's time, from an AnimationTimer on the FX thread. */
    static final class Pulses extends AnimationTimer {
        final long[] times = new long[1 << 20];
        private volatile int count;

        @Override
        public void handle(long now) {
            if (count < times.length) {
                times[count] = now;
                count++;
            }
        }

        int mark() {
            return count;
        }

        /** The gaps (ms) between the pulses recorded from mark {@code from} to mark {@code to}. */
        double[] gaps(int from, int to) {
            double[] gaps = new double[Math.max(0, to - from - 1)];
            for (int i = from + 1; i < to; i++) {
                gaps[i - from - 1] = (times[i] - times[i - 1]) / 1e6;
            }
            return gaps;
        }
    }

    static String figures(double[] gaps) {
        if (gaps.length == 0) {
            return "no pulses";
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%d gaps, p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.length,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    static double percentile(double[] sorted, double p) {
        int at = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        for (String[] p : new String[][] {{"glass.platform", "Monocle"}, {"monocle.platform", "Headless"},
                {"prism.order", "sw"}, {"prism.text", "t2k"}, {"java.awt.headless", "true"}}) {
            if (System.getProperty(p[0]) == null) {
                System.setProperty(p[0], p[1]);
            }
        }
        int rate = Integer.parseInt(arg(args, "--rate", "2000"));
        int padding = Integer.parseInt(arg(args, "--tokens", "6000"));
        int cycles = Integer.parseInt(arg(args, "--cycles", "3"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "1"));
        boolean watch = Boolean.parseBoolean(arg(args, "--watch", "true"));
        Machine.Run run = Machine.run();
        LoadWatch loadWatch = LoadWatch.start();
        Path dir = Files.createTempDirectory("batos-pulse-");
        Path config = Files.createTempDirectory("batos-pulse-config-");
        System.setProperty("batos.config.dir", config.toString());

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Vessel vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        Kernel kernel = new Kernel(vessel, "bench");
        long alfred = kernel.resolve("lobby.personas.ALFRED");
        Map<String, Object> codex = new LinkedHashMap<>((Map<String, Object>) kernel.get(alfred, "codex"));
        codex.put("approval_policy", "never");
        kernel.set(alfred, "codex", codex);
        List<Long> receivers = new ArrayList<>();
        for (int i = 0; i < warmup + cycles; i++) {
            receivers.add(kernel.cloneInto(kernel.lobby(), "r" + i));
        }
        StreamingModel model = new StreamingModel(rate, padding);
        vessel.cognitiveCore().attach(model);
        kernel.guard().forbid(t -> Platform.isFxApplicationThread());
        FxTaskExecutor executor = new FxTaskExecutor();
        Pulses pulses = new Pulses();
        CompletableFuture<WorkbenchWindow> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            shown.complete(WorkbenchWindow.show(stage, kernel, executor, dir.resolve("image"), false));
            pulses.start();
        });
        WorkbenchWindow window = shown.get(30, TimeUnit.SECONDS);
        if (!watch) {
            // The cycles run but nobody opens them: what the stream's rendering costs, by difference.
            Platform.runLater(() -> window.view().workspaceModel().setCycleOpener(id -> { }));
        } else {
            // The worst case: the monitor on screen with the model's output open.
            Platform.runLater(() -> {
                window.view().showTab("Monitor");
                javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) window.stage().getScene()
                        .lookup("#monitorTabs");
                tabs.getSelectionModel().select(2);
            });
        }
        Thread.sleep(1_000);
        // Warm-up cycles (not measured): the first compile, the monitor's first layout, the JIT.
        for (int i = 0; i < warmup; i++) {
            teach(window, receivers.get(cycles + i));
        }

        // The idle baseline: as long as the load will roughly last.
        long expectedMillis = Math.max(2_000, 2L * padding * 1000 / rate * cycles);
        int idleFrom = pulses.mark();
        Thread.sleep(Math.min(expectedMillis, 10_000));
        double[] idle = pulses.gaps(idleFrom, pulses.mark());

        List<String> psmLog = java.util.Collections.synchronizedList(new ArrayList<>());
        if (Boolean.getBoolean("bench.trace")) {
            kernel.subscribe(e -> {
                if (e.topic().equals("psm")) {
                    psmLog.add(System.nanoTime() + " " + e.type() + " " + e.fields().get("transition_to"));
                }
            });
        }
        int loadFrom = pulses.mark();
        long tokensBefore = model.tokensStreamed;
        long loadStart = System.nanoTime();
        for (int i = 0; i < cycles; i++) {
            teach(window, receivers.get(i));
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        double[] load = pulses.gaps(loadFrom, pulses.mark());
        String streamed = CompletableFuture.supplyAsync(() -> window.view().monitorModel().streamProperty().get(),
                Platform::runLater).get(10, TimeUnit.SECONDS);

        System.out.printf(Locale.ROOT, "model: %d tokens/s target, %d tokens streamed in %.1f s (%.0f tokens/s),"
                        + " %d cycles (+%d warm-up), monitor stream %d chars%n", rate, model.tokensStreamed - tokensBefore,
                loadSeconds, (model.tokensStreamed - tokensBefore) / loadSeconds, cycles, warmup, streamed.length());
        if (Boolean.getBoolean("bench.trace")) {
            for (int i = loadFrom + 1; i < pulses.mark(); i++) {
                double gap = (pulses.times[i] - pulses.times[i - 1]) / 1e6;
                if (gap > 100) {
                    System.out.printf(Locale.ROOT, "long gap %.0f ms ending at +%.2f s%n", gap,
                            (pulses.times[i] - loadStart) / 1e9);
                }
            }
            for (String line : psmLog) {
                String[] parts = line.split(" ", 2);
                System.out.printf(Locale.ROOT, "  +%.2f s %s%n", (Long.parseLong(parts[0]) - loadStart) / 1e9, parts[1]);
            }
        }
        System.out.println("idle:  " + figures(idle));
        System.out.println("load:  " + figures(load));
        double p99 = load.length == 0 ? Double.NaN : percentile(sorted(load), 99);
        System.out.println(p99 <= 100 ? "target p99 <= 100 ms: met" : "target p99 <= 100 ms: NOT met");
        if (watch && Boolean.parseBoolean(System.getProperty("bench.record", "true"))) {
            String command = "mvn -q -o -Pbench test-compile exec:exec -Dbench.main=io.batos.bench.WorkbenchPulseBenchmark"
                    + " -Dbench.args=\"--rate " + rate + " --tokens " + padding + " --cycles " + cycles
                    + " --warmup " + warmup + "\"";
            String loadRange = loadWatch.range();
            String streamedText = String.format(Locale.ROOT, "%,d tokens streamed in %.1f s", model.tokensStreamed - tokensBefore,
                    loadSeconds);
            List<BenchmarkRecord> records = List.of(
                    BenchmarkRecord.of("WorkbenchPulseBenchmark load p99", "Gap between JavaFX pulses while " + cycles
                            + " cycles stream into the open Monitor at " + rate + " tokens/s, whole workbench on Monocle (p99)",
                            percentile(sorted(load), 99), "ms", "under load: " + figures(load) + "; " + streamedText,
                            "≤ 100").ranAs(command, run, loadRange),
                    BenchmarkRecord.of("WorkbenchPulseBenchmark idle p99", "The same window's pulse gaps with nothing"
                            + " running, the baseline (p99)", idle.length == 0 ? Double.NaN : percentile(sorted(idle), 99),
                            "ms", "idle: " + figures(idle), "").ranAs(command, run, loadRange));
            BenchmarkLedger ledger = new BenchmarkLedger(BenchmarkLedger.DEFAULT);
            System.out.println("recorded " + records.size() + " figures in " + ledger.merge("workbench", records));
            BenchmarkTable.update(ledger, BenchmarkTable.DOC);
        }
        loadWatch.close();

        CompletableFuture<Void> hidden = new CompletableFuture<>();
        Platform.runLater(() -> {
            pulses.stop();
            window.stage().hide();
            hidden.complete(null);
        });
        hidden.get(10, TimeUnit.SECONDS);
        executor.close();
        vessel.close();
        Platform.exit();
        System.exit(0);
    }

    /** Sends fibonacci to a receiver that does not understand it, from the workspace; waits for 55. */
    private static void teach(WorkbenchWindow window, long receiver) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            window.view().workspaceModel().targetProperty().set("@" + receiver);
            window.view().workspaceModel().resultProperty().addListener((obs, old, text) -> {
                if (!text.startsWith("…")) {
                    answer.complete(text);
                }
            });
            window.view().workspaceModel().doIt("self.send(\"fibonacci\", 10L)");
        });
        String said = answer.get(600, TimeUnit.SECONDS);
        if (!said.equals("55")) {
            throw new IllegalStateException("@" + receiver + " answered " + said);
        }
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
