package io.batos.bench;

import io.batos.cli.bench.BenchmarkRecord;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns a JMH result into the benchmark record's row, as the method's {@link Goal} says: which
 * number, in which unit, against which target.
 *
 * <p>JMH's names are the class and method with the package dropped
 * ({@code MethodBenchmark.BatchCold.compile500Cold}), and its parameters appended
 * ({@code OpenBenchmark.openAfterCleanClose [objects=1000000]}), so the id is stable and reads well in the table.
 */
final class JmhRecords {
    static final String PACKAGE = "io.batos.bench.";

    private JmhRecords() {
    }

    /** The row of one result; the run's context (command, machine, …) is added by the caller. */
    static BenchmarkRecord of(RunResult result) {
        BenchmarkParams params = result.getParams();
        Method method = method(params.getBenchmark());
        Goal goal = method.getAnnotation(Goal.class);
        if (goal == null) {
            throw new IllegalStateException(params.getBenchmark() + " has no @Goal: say what it measures and its target");
        }
        Result<?> source = result.getPrimaryResult();
        String figureName = goal.figure();
        boolean percentile = figureName.matches("p[0-9.]+");
        if (!figureName.equals("score") && !percentile) {
            source = result.getSecondaryResults().get(figureName);
            if (source == null) {
                throw new IllegalStateException(params.getBenchmark() + " has no secondary result " + figureName);
            }
        }
        Statistics stats = source.getStatistics();
        double raw = percentile ? stats.getPercentile(Double.parseDouble(figureName.substring(1))) : source.getScore();
        String jmhUnit = source.getScoreUnit();
        String unit = !goal.unit().isEmpty() ? goal.unit()
                : jmhUnit.endsWith("/op") ? jmhUnit.substring(0, jmhUnit.length() - 3).replace("us", "µs") : jmhUnit;
        Conversion c = Conversion.of(jmhUnit, unit, goal.items());
        double error = percentile || !c.linear() ? Double.NaN : c.apply(source.getScoreError());
        return BenchmarkRecord.of(id(params), goal.what(), c.apply(raw), unit, detail(params.getMode(), stats, c, unit),
                goal.target()).withError(error);
    }

    /** "OpenBenchmark.openAfterCleanClose [objects=1000000]": the benchmark without the package, and its parameters. */
    static String id(BenchmarkParams params) {
        String name = shortName(params.getBenchmark());
        if (params.getParamsKeys().isEmpty()) {
            return name;
        }
        List<String> values = new ArrayList<>();
        for (String key : params.getParamsKeys()) {
            values.add(key + "=" + params.getParam(key));
        }
        return name + " [" + String.join(", ", values) + "]";
    }

    /** The JMH options that select exactly this result: its name and each parameter's value. */
    static String selector(BenchmarkParams params) {
        StringBuilder s = new StringBuilder(shortName(params.getBenchmark()));
        for (String key : params.getParamsKeys()) {
            s.append(" -p ").append(key).append('=').append(params.getParam(key));
        }
        return s.toString();
    }

    static String shortName(String benchmark) {
        return benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
    }

    /** The @Benchmark method JMH names {@code io.batos.bench.Outer.Inner.method}. */
    static Method method(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        String className = benchmark.substring(0, dot);
        String methodName = benchmark.substring(dot + 1);
        Class<?> type = null;
        while (type == null) {
            try {
                type = Class.forName(className);
            } catch (ClassNotFoundException e) {
                int inner = className.lastIndexOf('.');
                if (inner < 0) {
                    throw new IllegalStateException("no class for benchmark " + benchmark);
                }
                className = className.substring(0, inner) + "$" + className.substring(inner + 1);
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(methodName) && m.isAnnotationPresent(Benchmark.class)) {
                    return m;
                }
            }
        }
        throw new IllegalStateException("no @Benchmark method " + methodName + " in " + type.getName());
    }

    /** The area a benchmark's rows are recorded in: its class's, or an enclosing class's, {@link RecordedIn}. */
    static String area(Method method) {
        for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getEnclosingClass()) {
            RecordedIn in = c.getAnnotation(RecordedIn.class);
            if (in != null) {
                return in.value();
            }
        }
        throw new IllegalStateException(method.getDeclaringClass().getName() + " has no @RecordedIn");
    }

    private static String detail(Mode mode, Statistics stats, Conversion c, String unit) {
        if (mode == Mode.SampleTime) {
            return String.format(Locale.ROOT, "%s: p50 %s, p90 %s, p99 %s, p99.9 %s, max %s (%,d samples)",
                    unit, n(c.apply(stats.getPercentile(50))), n(c.apply(stats.getPercentile(90))),
                    n(c.apply(stats.getPercentile(99))), n(c.apply(stats.getPercentile(99.9))),
                    n(c.apply(stats.getMax())), stats.getN());
        }
        if (stats.getN() <= 1) {
            return "";
        }
        double a = c.apply(stats.getMin());
        double b = c.apply(stats.getMax());
        return String.format(Locale.ROOT, "iterations %s–%s %s (%d)", n(Math.min(a, b)), n(Math.max(a, b)), unit,
                stats.getN());
    }

    private static String n(double v) {
        return BenchmarkRecord.number(v);
    }

    /**
     * From JMH's unit ({@code ms/op}, {@code ops/s}, …) to the goal's: time to time and rate to
     * rate are linear; a time per operation to a rate is {@code items / time}.
     */
    record Conversion(double factor, boolean invert, double items) {
        static Conversion of(String from, String to, long items) {
            boolean fromTime = from.endsWith("/op");
            boolean toRate = to.endsWith("/s");
            if (fromTime) {
                double seconds = seconds(from.substring(0, from.length() - "/op".length()));
                if (toRate) {
                    return new Conversion(seconds, true, items);
                }
                return new Conversion(seconds / seconds(to), false, 1);
            }
            if (from.startsWith("ops/")) {
                double perSecond = 1 / seconds(from.substring("ops/".length()));
                if (!toRate) {
                    throw new IllegalArgumentException("a rate (" + from + ") cannot be shown in " + to);
                }
                return new Conversion(perSecond, false, 1);
            }
            if (!from.equals(to)) {
                throw new IllegalArgumentException("cannot show " + from + " in " + to);
            }
            return new Conversion(1, false, 1);
        }

        boolean linear() {
            return !invert;
        }

        double apply(double v) {
            return invert ? items / (v * factor) : v * factor;
        }

        static double seconds(String unit) {
            return switch (unit) {
                case "s" -> 1;
                case "ms" -> 1e-3;
                case "us", "µs" -> 1e-6;
                case "ns" -> 1e-9;
                case "min" -> 60;
                default -> throw new IllegalArgumentException("not a time unit: " + unit);
            };
        }
    }
}
