package io.batos.bench;

import io.batos.code.Verdict;
import io.batos.guardian.PersistenceGuardian;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The PersistenceGuardian's audit of one 30-line method, warm: parse (JavaParser, wrapped in a
 * generated class) and all six rules. It runs in the editor on every pause in typing and before
 * every install, so it must stay well inside a keystroke.
 *
 * <p>Target (issue): median ≤ 1 ms per 30-line method ({@code auditAccepted}, read the
 * {@code p0.50} line of the sample-time output). {@code auditRejected} is the same method with one
 * {@code self.markChanged()} missing, so the covenant rule reports: rejection must cost no more
 * than acceptance. {@code auditSyntaxError} shows the price of a parse failure (error recovery and
 * message shortening).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(1)
@RecordedIn("methods")
public class GuardianBenchmark {

    /** A realistic 30-line method: slot reads, a loop, a stream, branches, two marked exits. */
    static final String ACCEPTED = String.join("\n",
            "Object addItems(UvmObject self, Object... args) {",
            "    @SuppressWarnings(\"unchecked\")",
            "    List<Object> items = (List<Object>) self.get(\"items\");",
            "    if (items == null) {",
            "        items = new ArrayList<>();",
            "    }",
            "    int added = 0;",
            "    for (Object arg : args) {",
            "        if (arg == null) {",
            "            continue;",
            "        }",
            "        String text = String.valueOf(arg).trim();",
            "        if (text.isEmpty() || items.contains(text)) {",
            "            continue;",
            "        }",
            "        items.add(text);",
            "        added++;",
            "    }",
            "    Map<String, Long> counts = items.stream()",
            "            .map(String::valueOf)",
            "            .collect(Collectors.groupingBy(s -> s.substring(0, 1), TreeMap::new, Collectors.counting()));",
            "    self.set(\"counts\", new LinkedHashMap<>(counts));",
            "    if (added == 0) {",
            "        self.markChanged();",
            "        return \"nothing new\";",
            "    }",
            "    self.set(\"items\", items);",
            "    self.markChanged();",
            "    return added + \" added, \" + items.size() + \" in all\";",
            "}");

    /** The same method with the first exit's mark missing. */
    static final String REJECTED = ACCEPTED.replaceFirst("self\\.markChanged\\(\\);\n", "");

    /** The same method with a semicolon missing. */
    static final String SYNTAX_ERROR = ACCEPTED.replace("int added = 0;", "int added = 0");

    private PersistenceGuardian guardian;

    @Setup
    public void check() {
        guardian = new PersistenceGuardian();
        require(guardian.audit(ACCEPTED, "addItems").accepted(), "ACCEPTED must be accepted");
        require(guardian.audit(REJECTED, "addItems").trips("covenant"), "REJECTED must trip the covenant");
        require(guardian.audit(SYNTAX_ERROR, "addItems").trips("parse"), "SYNTAX_ERROR must not parse");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Benchmark
    @Goal(what = "Guardian audit of a 30-line method, warm (median)", figure = "p50", unit = "µs", target = "≤ 1000")
    public Verdict auditAccepted() {
        return guardian.audit(ACCEPTED, "addItems");
    }

    @Benchmark
    @Goal(what = "Guardian audit of a covenant violation (median)", figure = "p50", unit = "µs")
    public Verdict auditRejected() {
        return guardian.audit(REJECTED, "addItems");
    }

    @Benchmark
    @Goal(what = "Guardian audit of a syntax error (median)", figure = "p50", unit = "µs")
    public Verdict auditSyntaxError() {
        return guardian.audit(SYNTAX_ERROR, "addItems");
    }
}
