package io.batos.cli;

import io.batos.cli.bench.BenchmarkLedger;
import io.batos.cli.bench.BenchmarkRecord;
import io.batos.cli.bench.Machine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --record [DIR]} option of the commands that measure ({@code bench generate},
 * {@code soak}): their figures also go into the project's benchmark record, from which
 * BENCHMARKS.md's table is rendered. Without a value it means the record of the checkout the
 * command runs in.
 */
final class RecordMixin {
    @Option(names = "--record", arity = "0..1", paramLabel = "DIR", fallbackValue = "src/bench/results",
            description = "also merge the figures into the benchmark record in DIR (default, in a checkout:"
                    + " ${FALLBACK-VALUE})")
    Path dir;

    /**
     * Merges a run's figures into the record's {@code area} and says where on {@code err}; nothing
     * when the option was not given. Each record keeps the load it was measured under.
     */
    void write(String area, List<BenchmarkRecord> records, String command, Machine.Run run, PrintWriter err) {
        if (dir == null) {
            return;
        }
        Path file = new BenchmarkLedger(dir).merge(area, records.stream().map(r -> r.ranAs(command, run, r.load())).toList());
        err.println("batos: recorded " + records.size() + " figures in " + file);
        err.flush();
    }
}
