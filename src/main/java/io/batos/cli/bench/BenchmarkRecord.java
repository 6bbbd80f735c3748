package io.batos.cli.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One measured figure of one benchmark run, as BENCHMARKS.md's table shows it.
 *
 * <p>{@code id} names the measurement uniquely across the project (a JMH benchmark's class and
 * method, with its parameters; {@code bench generate bench context=512 javaShare}); a later run
 * with the same id replaces this one. {@code target} is empty (reported only) or one comparison,
 * {@code ≥ N}, {@code ≤ N} or {@code = N}, in the figure's unit; whether it is met is computed from
 * the figure, never stored. {@code error} is JMH's 99.9 % half-width, or NaN when there is none.
 *
 * @param id        unique name of the measurement
 * @param what      one sentence saying what was measured
 * @param figure    the number, in {@code unit}
 * @param unit      the figure's unit ("commits/s", "ms", "%", "" for a count)
 * @param error     the error half-width in {@code unit}, or NaN
 * @param detail    the spread or what else the run saw (percentiles, iterations), may be empty
 * @param target    empty, or {@code ≥ N}, {@code ≤ N} or {@code = N}
 * @param command   the command line that reproduces the run
 * @param machine   {@link Machine#describe()} of the machine that ran it
 * @param jdk       the Java runtime that ran it
 * @param load      the 1-minute load average during the run, "min–max"
 * @param when      when the run started, ISO-8601 UTC to the minute
 * @param commit    the commit measured ("abc1234", "+" appended when the work tree differed)
 */
public record BenchmarkRecord(String id, String what, double figure, String unit, double error,
        String detail, String target, String command, String machine, String jdk, String load,
        String when, String commit) {

    private static final Pattern TARGET = Pattern.compile("(≥|≤|=) (-?[0-9]+(?:\\.[0-9]+)?)");

    public BenchmarkRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(what, "what");
        unit = Objects.requireNonNullElse(unit, "");
        detail = Objects.requireNonNullElse(detail, "");
        target = Objects.requireNonNullElse(target, "");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a benchmark record needs an id");
        }
        if (!target.isEmpty() && !TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("target of " + id + " is not '≥ N', '≤ N' or '= N': " + target);
        }
    }

    /** Whether the figure meets the target; {@code null} when there is no target (reported only). */
    public Boolean met() {
        if (target.isEmpty()) {
            return null;
        }
        Matcher m = TARGET.matcher(target);
        if (!m.matches()) {
            throw new IllegalStateException(target);
        }
        double bound = Double.parseDouble(m.group(2));
        return switch (m.group(1)) {
            case "≥" -> figure >= bound;
            case "≤" -> figure <= bound;
            default -> figure == bound;
        };
    }

    /** This record with {@code error} as its error half-width (NaN: none). */
    public BenchmarkRecord withError(double error) {
        return new BenchmarkRecord(id, what, figure, unit, error, detail, target, command, machine, jdk, load, when,
                commit);
    }

    /** This record with {@code load} as the load average seen while it was measured. */
    public BenchmarkRecord withLoad(String load) {
        return new BenchmarkRecord(id, what, figure, unit, error, detail, target, command, machine, jdk, load, when,
                commit);
    }

    /** This record with a run's context (command, machine, load, time, commit) filled in. */
    public BenchmarkRecord ranAs(String command, Machine.Run run, String load) {
        return new BenchmarkRecord(id, what, figure, unit, error, detail, target, command,
                run.machine(), run.jdk(), load, run.when(), run.commit());
    }

    /**
     * A number as the table shows it: grouped thousands without decimals from 100 up, three
     * significant digits below ("30.3", "4.90" → "4.9", "0.088"), millions and billions in words
     * ("30.3 million": JMH's last digits are noise there).
     */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double abs = Math.abs(v);
        if (abs >= 1e9) {
            return number(v / 1e9) + " billion";
        }
        if (abs >= 1e6) {
            return number(v / 1e6) + " million";
        }
        if (abs >= 100 || v == Math.rint(v) && abs >= 1) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        String s = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return s;
    }

    /** A figure of a run whose context is filled in later with {@link #ranAs}. */
    public static BenchmarkRecord of(String id, String what, double figure, String unit, String detail,
            String target) {
        return new BenchmarkRecord(id, what, figure, unit, Double.NaN, detail, target, "", "", "", "", "", "");
    }
}
