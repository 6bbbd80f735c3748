package io.batos.bench;

import io.batos.cli.bench.BenchmarkLedger;
import io.batos.cli.bench.BenchmarkRecord;
import io.batos.cli.bench.LoadWatch;
import io.batos.cli.bench.Machine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH with its usual command line, then writes every result into the benchmark record and
 * renders BENCHMARKS.md's table from it — what the {@code bench} Maven profile runs.
 *
 * <pre>mvn -q -o -Pbench test-compile exec:exec -Dbench.args="-f 1 -wi 2 -i 5 CommitThroughput"</pre>
 *
 * <p>Each result becomes one row ({@link JmhRecords}: its {@link Goal}), carrying the command that
 * reruns exactly it (this run's options, its name and its parameters), this machine, the load
 * average seen while it ran and the commit. Listing options ({@code -l}, {@code -h}, …) only pass
 * through to JMH; {@code -Dbench.record=false} runs without recording.
 */
public final class Bench {
    private static final Set<String> FLAGS = Set.of("-h", "-l", "-lp", "-lprof", "-lrf", "-help");

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean listing = List.of(args).stream().anyMatch(FLAGS::contains);
        if (listing || !Boolean.parseBoolean(System.getProperty("bench.record", "true"))) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Machine.Run run = Machine.run();
        Collection<RunResult> results;
        Map<BenchmarkParams, Seen> seen = new HashMap<>();
        try (LoadWatch load = LoadWatch.start()) {
            OutputFormat out = new LoadMarking(OutputFormatFactory.createFormatInstance(System.out,
                    options.verbosity().orElse(VerboseMode.NORMAL)), load, seen);
            results = new Runner(options, out).run();
        } catch (RunnerException e) {
            // JMH's "nothing matched" has no message of its own.
            System.err.println("bench: " + (e.getMessage() != null ? e.getMessage()
                    : "no benchmark matches " + String.join(" ", options.getIncludes())));
            System.exit(1);
            return;
        }
        String runOptions = options(args);
        Map<String, List<BenchmarkRecord>> byArea = new LinkedHashMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String command = Stream.of("bench", runOptions, JmhRecords.selector(params)).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining(" "));
            Seen context = seen.getOrDefault(params, new Seen(run.when(), ""));
            BenchmarkRecord record = JmhRecords.of(result).ranAs(command,
                    new Machine.Run(run.machine(), run.jdk(), context.when(), run.commit()), context.load());
            byArea.computeIfAbsent(JmhRecords.area(JmhRecords.method(params.getBenchmark())), a -> new ArrayList<>())
                    .add(record);
        }
        BenchmarkLedger ledger = new BenchmarkLedger(BenchmarkLedger.DEFAULT);
        byArea.forEach((area, records) -> System.out.println("recorded " + records.size() + " figures in "
                + ledger.merge(area, records)));
        BenchmarkTable.update(ledger, BenchmarkTable.DOC);
    }

    /** The run's options without the benchmark patterns: what every row's command repeats. */
    static String options(String[] args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                continue;
            }
            if (a.equals("-rf") || a.equals("-rff") || a.equals("-o")) {
                i++;
                continue;
            }
            kept.add(a);
            if (!FLAGS.contains(a) && i + 1 < args.length) {
                String value = args[++i];
                kept.add(value.contains(" ") ? "'" + value + "'" : value);
            }
        }
        return String.join(" ", kept);
    }

    /** When one benchmark started and the load average while it ran. */
    private record Seen(String when, String load) {
    }

    /** JMH's own console output, noting when each benchmark ran and the load average meanwhile. */
    private static final class LoadMarking implements OutputFormat {
        private final OutputFormat out;
        private final LoadWatch load;
        private final Map<BenchmarkParams, Seen> seen;
        private String started = "";

        LoadMarking(OutputFormat out, LoadWatch load, Map<BenchmarkParams, Seen> seen) {
            this.out = out;
            this.load = load;
            this.seen = seen;
        }

        @Override
        public void startBenchmark(BenchmarkParams params) {
            load.reset();
            started = Machine.now();
            out.startBenchmark(params);
        }

        @Override
        public void endBenchmark(BenchmarkResult result) {
            if (result != null) {
                seen.put(result.getParams(), new Seen(started, load.range()));
            }
            out.endBenchmark(result);
        }

        @Override
        public void iteration(BenchmarkParams params, IterationParams iteration, int n) {
            out.iteration(params, iteration, n);
        }

        @Override
        public void iterationResult(BenchmarkParams params, IterationParams iteration, int n, IterationResult r) {
            out.iterationResult(params, iteration, n, r);
        }

        @Override
        public void startRun() {
            out.startRun();
        }

        @Override
        public void endRun(Collection<RunResult> results) {
            out.endRun(results);
        }

        @Override
        public void print(String s) {
            out.print(s);
        }

        @Override
        public void println(String s) {
            out.println(s);
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.close();
        }

        @Override
        public void verbosePrintln(String s) {
            out.verbosePrintln(s);
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b) throws IOException {
            out.write(b);
        }
    }
}
