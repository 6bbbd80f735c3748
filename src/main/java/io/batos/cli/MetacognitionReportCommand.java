package io.batos.cli;

import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import io.batos.memory.flywheel.MetacognitionReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code batos metacognition report}: ALFRED's meta-analysis — totals, outcomes by mission type,
 * success rate per state and persona, the most frequent failure findings, what self-correction
 * achieved, and the recurring failure patterns.
 *
 * <p>Read-only (§12): the image opens for reading and nothing is committed; the report covers the
 * knowledge catalog and the audit log's events not yet ingested. {@code --json} prints the report's
 * JSON form ({@code totals {cycles, complete, failed, running, successRate}}, {@code byMissionType},
 * {@code byState}, {@code byPersona}, {@code topFailureFindings}, {@code corrections},
 * {@code failurePatterns}); without it, tables.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Report success rates per state, persona and mission type, recurring failures and corrections.")
final class MetacognitionReportCommand extends ImageCommand {
    @Override
    public Integer call() {
        MetacognitionReport report;
        try (Vessel vessel = openForReading()) {
            report = vessel.flywheel().report();
        }
        if (json) {
            printJson(ValueJson.MAPPER.valueToTree(report.toMap()));
            return 0;
        }
        print(report, out());
        out().flush();
        return 0;
    }

    static void print(MetacognitionReport r, PrintWriter out) {
        MetacognitionReport.Tally t = r.totals();
        out.println("cycles " + t.cycles() + ": " + t.complete() + " complete, " + t.failed() + " failed, "
                + t.running() + " running; success rate " + percent(t.successRate()));
        if (t.cycles() == 0) {
            out.println("(no cognitive cycle remembered yet)");
            return;
        }
        out.println();
        out.println(String.format(Locale.ROOT, "%-14s %7s %9s %7s %8s", "mission type", "cycles", "complete", "failed",
                "success"));
        tallies(r.byMissionType(), out);
        out.println();
        out.println(String.format(Locale.ROOT, "%-14s %7s %7s %7s %8s", "state", "entered", "passed", "failed", "success"));
        r.byState().forEach((state, s) -> out.println(String.format(Locale.ROOT, "%-14s %7d %7d %7d %8s", state,
                s.entered(), s.passed(), s.failed(), percent(s.successRate()))));
        out.println();
        out.println(String.format(Locale.ROOT, "%-14s %7s %9s %7s %8s", "persona", "cycles", "complete", "failed",
                "success"));
        tallies(r.byPersona(), out);
        if (!r.topFailureFindings().isEmpty()) {
            out.println();
            out.println("most frequent failure findings (cycles):");
            r.topFailureFindings().forEach(f -> out.println(String.format(Locale.ROOT, "  %5d  %-16s %s", f.cycles(),
                    f.rule(), f.example() == null ? "" : f.example())));
        }
        MetacognitionReport.Corrections c = r.corrections();
        out.println();
        out.println("self-correction: " + c.dispatched() + " corrections dispatched; " + c.missions() + " missions, "
                + c.missionsComplete() + " complete, " + c.missionsRescued() + " rescued by a correction; "
                + (c.meanCorrectionsPerSuccess() == null ? "no success yet"
                : String.format(Locale.ROOT, "%.2f corrections per success", c.meanCorrectionsPerSuccess())));
        if (!r.failurePatterns().isEmpty()) {
            out.println();
            out.println(String.format(Locale.ROOT, "%-14s %-16s %-8s %7s %9s %8s %7s", "failed in", "rule", "persona",
                    "cycles", "corrected", "rescued", "rate"));
            r.failurePatterns().forEach(p -> out.println(String.format(Locale.ROOT, "%-14s %-16s %-8s %7d %9d %8d %7s",
                    p.state(), p.rule(), p.persona(), p.cycles(), p.corrected(), p.rescued(), percent(p.rescueRate()))));
        }
    }

    private static void tallies(Map<String, MetacognitionReport.Tally> tallies, PrintWriter out) {
        tallies.forEach((name, t) -> out.println(String.format(Locale.ROOT, "%-14s %7d %9d %7d %8s", name, t.cycles(),
                t.complete(), t.failed(), percent(t.successRate()))));
    }

    private static String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
