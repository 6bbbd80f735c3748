package io.batos.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.cli.bench.BenchmarkLedger;
import io.batos.cli.bench.BenchmarkRecord;
import io.batos.cli.bench.Machine;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * BENCHMARKS.md's table is what the benchmark record renders — so a figure typed by hand, or a run
 * recorded and not rendered, fails here — and every JMH benchmark says what it measures.
 */
class BenchmarkTableTest {
    private static final Machine.Run RUN = new Machine.Run("2 CPUs X, 4 GiB RAM, Linux 6", "Java 17",
            "2026-11-26T16:00Z", "abc1234");

    @Test
    void theDocumentsTableIsTheRenderingOfTheCommittedRecord() throws IOException {
        String doc = Files.readString(BenchmarkTable.DOC, StandardCharsets.UTF_8);
        Map<String, List<BenchmarkRecord>> record = new BenchmarkLedger(BenchmarkLedger.DEFAULT).readAll();
        assertThat(record).as("the benchmark record in %s", BenchmarkLedger.DEFAULT.toAbsolutePath()).isNotEmpty();
        assertThat(doc)
                .as("BENCHMARKS.md's table differs from src/bench/results/: render it with "
                        + "mvn -q -o -Pbench test-compile exec:exec -Dbench.main=io.batos.bench.BenchmarkTable -Dbench.args=")
                .isEqualTo(BenchmarkTable.splice(doc, BenchmarkTable.render(record)));
    }

    @Test
    void rowsShowFigureTargetAndWhetherItIsMetAndMachinesAreListedOnce() {
        Map<String, List<BenchmarkRecord>> areas = new LinkedHashMap<>();
        areas.put("soak", List.of(BenchmarkRecord.of("soak lost", "Lost", 0, "", "verify ok", "= 0").ranAs("batos soak", RUN, "7.0–9.5")));
        areas.put("image", List.of(
                BenchmarkRecord.of("A.fast", "Fast | enough", 11508.4, "commits/s", "iterations 9,000–12,000", "≥ 3500")
                        .withError(1126).ranAs("bench A.fast", RUN, "1.0"),
                BenchmarkRecord.of("A.slow", "Slow", 6000, "ms", "", "≤ 5000").ranAs("bench A.slow", RUN, "")));
        areas.put("zz-new", List.of(BenchmarkRecord.of("Z", "Z", 1, "", "", "").ranAs("z", new Machine.Run("other box",
                "Java 25", "2026-11-27T10:00Z", "def5678"), "")));

        String table = BenchmarkTable.render(areas);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("| Benchmark | Figure | Target | Met? |");
        // Areas in the order the system grows, unknown ones last.
        assertThat(table.indexOf("**The living image**")).isLessThan(table.indexOf("**Soak**"));
        assertThat(table.indexOf("**Soak**")).isLessThan(table.indexOf("**zz-new**"));
        assertThat(table).contains("| Fast \\| enough<br>`A.fast` | **11,508 commits/s** ± 1,126 | ≥ 3,500 commits/s | met | "
                + "iterations 9,000–12,000 | M1, load 1.0, 2026-11-26 16:00 UTC, `abc1234` | `bench A.fast` |");
        assertThat(table).contains("| **6,000 ms** | ≤ 5,000 ms | **not met** |");
        assertThat(table).contains("| **0** | = 0 | met | verify ok | M1, load 7.0–9.5,");
        assertThat(table).contains("| **1** | reported | — |");
        assertThat(table).contains("- **M1**: 2 CPUs X, 4 GiB RAM, Linux 6; Java 17\n- **M2**: other box; Java 25\n");
    }

    @Test
    void spliceReplacesOnlyWhatIsBetweenTheMarkers() {
        String doc = "# Benchmarks\n\nprose\n\n" + BenchmarkTable.BEGIN + "\n\nold table\n" + BenchmarkTable.END + "\n\nmore prose\n";
        String spliced = BenchmarkTable.splice(doc, "| new |\n");
        assertThat(spliced).isEqualTo("# Benchmarks\n\nprose\n\n" + BenchmarkTable.BEGIN + "\n\n| new |\n\n"
                + BenchmarkTable.END + "\n\nmore prose\n");
        assertThat(BenchmarkTable.splice(spliced, "| new |\n")).isEqualTo(spliced);
        assertThatThrownBy(() -> BenchmarkTable.splice("# no markers\n", "x"))
                .hasMessageStartingWith("the document has no table markers");
    }

    @Test
    void everyJmhBenchmarkHasAGoalAnAreaAndAUnitItsScoreConvertsTo() throws Exception {
        List<Method> benchmarks = new ArrayList<>();
        Path classes = Path.of(BenchmarkTableTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/batos/bench");
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString();
                if (name.contains("jmhType")) {
                    continue;
                }
                Class<?> type = Class.forName(JmhRecords.PACKAGE + name.substring(0, name.length() - ".class".length()));
                for (Method m : type.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Benchmark.class)) {
                        benchmarks.add(m);
                    }
                }
            }
        }
        assertThat(benchmarks).hasSizeGreaterThanOrEqualTo(30);
        for (Method m : benchmarks) {
            Goal goal = m.getAnnotation(Goal.class);
            String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            assertThat(goal).as("@Goal on %s", name).isNotNull();
            assertThat(goal.what()).as(name).isNotBlank();
            assertThat(JmhRecords.area(m)).as(name).isIn("image", "methods", "audit", "memory", "wire");
            // The target parses the way the record will hold it.
            BenchmarkRecord.of(name, goal.what(), 1, goal.unit(), "", goal.target());
            // JMH's unit for this method, as its annotations make it, converts to the goal's.
            if (!goal.unit().isEmpty()) {
                assertThatCode(() -> JmhRecords.Conversion.of(jmhUnit(m), goal.unit(), goal.items()))
                        .as("%s: %s in %s", name, jmhUnit(m), goal.unit()).doesNotThrowAnyException();
            }
            assertThat(goal.figure()).as(name).matches("score|p[0-9.]+|[a-zA-Z]+");
            if (goal.figure().matches("p[0-9.]+")) {
                assertThat(annotation(m, BenchmarkMode.class).value()).as("%s: a percentile needs sampling", name)
                        .containsExactly(Mode.SampleTime);
            }
        }
    }

    /** "ops/s", "ms/op", …: the unit JMH reports for {@code m}, from its mode and output time unit. */
    private static String jmhUnit(Method m) {
        Mode mode = annotation(m, BenchmarkMode.class).value()[0];
        OutputTimeUnit unit = annotation(m, OutputTimeUnit.class);
        String time = switch (unit == null ? TimeUnit.SECONDS : unit.value()) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            default -> "min";
        };
        return mode == Mode.Throughput ? "ops/" + time : time + "/op";
    }

    /** An annotation on the method, else on its class or an enclosing class (as JMH reads them). */
    private static <A extends Annotation> A annotation(Method m, Class<A> type) {
        if (m.isAnnotationPresent(type)) {
            return m.getAnnotation(type);
        }
        for (Class<?> c = m.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(type)) {
                return c.getAnnotation(type);
            }
        }
        return null;
    }

    @Test
    void jmhUnitsConvertToTheGoalsUnits() {
        // A single shot of 463 ms that makes 100,000 objects.
        assertThat(JmhRecords.Conversion.of("ms/op", "objects/s", 100_000).apply(463)).isCloseTo(215_983, within(1));
        assertThat(JmhRecords.Conversion.of("us/op", "ms", 1).apply(20_500)).isCloseTo(20.5, within(1e-9));
        assertThat(JmhRecords.Conversion.of("us/op", "µs", 1).apply(732)).isCloseTo(732, within(1e-9));
        assertThat(JmhRecords.Conversion.of("ms/op", "s", 1).apply(7_900)).isCloseTo(7.9, within(1e-9));
        assertThat(JmhRecords.Conversion.of("ops/s", "commits/s", 1).apply(11_508)).isCloseTo(11_508, within(1e-9));
        assertThat(JmhRecords.Conversion.of("ops/ms", "sends/s", 1).apply(30_300)).isCloseTo(30_300_000, within(1e-3));
        assertThat(JmhRecords.Conversion.of("ms/op", "objects/s", 1).linear()).isFalse();
        assertThatThrownBy(() -> JmhRecords.Conversion.of("ops/s", "ms", 1)).hasMessageContaining("cannot be shown in ms");
        assertThatThrownBy(() -> JmhRecords.Conversion.of("ms/op", "parsecs", 1)).hasMessageContaining("not a time unit");
    }

    @Test
    void eachRowsCommandKeepsTheRunsOptionsButNotItsPatternsOrResultFiles() {
        assertThat(Bench.options(new String[] {"-f", "1", "-wi", "2", "Commit", "-rf", "json", "-rff", "x.json",
                "-jvmArgs", "-Xmx1g -Dy=1", "Open"})).isEqualTo("-f 1 -wi 2 -jvmArgs '-Xmx1g -Dy=1'");
        assertThat(Bench.options(new String[] {"MethodBenchmark.BatchCold"})).isEmpty();
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
