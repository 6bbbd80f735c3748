package io.batos.bench;

import io.batos.cli.bench.BenchmarkLedger;
import io.batos.cli.bench.BenchmarkRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders BENCHMARKS.md's one table of every benchmark from the benchmark record, between two
 * marker lines; the rest of the document (how to run, what the figures taught) is prose.
 *
 * <p>Nothing in the table is typed: each row is a {@link BenchmarkRecord} a benchmark run wrote,
 * "met" is computed from its figure and target, and the machines are listed once below the table
 * and named M1, M2, … in it. {@code BenchmarkTableTest} fails when the document's table differs
 * from what the record renders, so a figure edited by hand, or a run recorded but not rendered,
 * does not pass CI. Run standalone after a writer that cannot render (a {@code batos} command,
 * {@code measure-startup.sh}):
 *
 * <pre>mvn -q -o -Pbench test-compile exec:exec -Dbench.main=io.batos.bench.BenchmarkTable -Dbench.args=</pre>
 */
public final class BenchmarkTable {
    static final Path DOC = Path.of("BENCHMARKS.md");
    static final String BEGIN = "<!-- The table below is rendered by io.batos.bench.BenchmarkTable from src/bench/results/: "
            + "rerun the benchmarks, do not edit it. -->";
    static final String END = "<!-- End of the rendered table. -->";

    /** Areas in the order the system grows; an area not named here comes after them, by name. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("image", "The living image");
        AREAS.put("methods", "Methods and the guardian");
        AREAS.put("engine", "The cognitive core");
        AREAS.put("audit", "The audit log");
        AREAS.put("memory", "Fractal Memory");
        AREAS.put("wire", "The image on the wire");
        AREAS.put("workbench", "The workbench");
        AREAS.put("package", "The packaged app");
        AREAS.put("soak", "Soak");
    }

    private BenchmarkTable() {
    }

    /** Renders {@code src/bench/results/} into {@code BENCHMARKS.md}, both in the working directory. */
    public static void main(String[] args) throws IOException {
        update(new BenchmarkLedger(BenchmarkLedger.DEFAULT), DOC);
    }

    /** Renders the ledger into {@code doc}'s marked region; writes only when it changed. */
    static void update(BenchmarkLedger ledger, Path doc) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String updated = splice(text, render(ledger.readAll()));
        if (!updated.equals(text)) {
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            System.out.println("rendered the benchmark table into " + doc);
        }
    }

    /** {@code doc} with the text between the markers replaced by {@code table}. */
    static String splice(String doc, String table) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no table markers: a line '" + BEGIN
                    + "' followed by a line '" + END + "'");
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n\n" + table + "\n" + doc.substring(end);
    }

    /** The table and its list of machines, as Markdown. */
    static String render(Map<String, List<BenchmarkRecord>> areas) {
        List<String> order = new ArrayList<>();
        AREAS.keySet().stream().filter(areas::containsKey).forEach(order::add);
        areas.keySet().stream().filter(a -> !AREAS.containsKey(a)).forEach(order::add);

        Map<String, String> machines = new LinkedHashMap<>();
        StringBuilder t = new StringBuilder();
        t.append("| Benchmark | Figure | Target | Met? | Spread, detail | Machine, load, run | Command |\n");
        t.append("|---|---|---|---|---|---|---|\n");
        for (String area : order) {
            t.append("| **").append(AREAS.getOrDefault(area, area)).append("** | | | | | | |\n");
            for (BenchmarkRecord r : areas.get(area)) {
                String machine = machines.computeIfAbsent(r.machine() + "; " + r.jdk(), k -> "M" + (machines.size() + 1));
                t.append("| ").append(cell(r.what())).append("<br>`").append(cell(r.id())).append("` | ")
                        .append(figure(r)).append(" | ")
                        .append(target(r)).append(" | ")
                        .append(met(r)).append(" | ")
                        .append(cell(r.detail())).append(" | ")
                        .append(machine).append(r.load().isEmpty() ? "" : ", load " + r.load())
                        .append(", ").append(r.when().replace('T', ' ').replace("Z", " UTC"))
                        .append(", `").append(r.commit()).append("` | ")
                        .append("`").append(cell(r.command())).append("` |\n");
            }
        }
        t.append("\nMachines:\n\n");
        machines.forEach((description, name) -> t.append("- **").append(name).append("**: ")
                .append(cell(description)).append('\n'));
        return t.toString();
    }

    private static String figure(BenchmarkRecord r) {
        String s = "**" + BenchmarkRecord.number(r.figure()) + unitSuffix(r.unit()) + "**";
        return Double.isNaN(r.error()) ? s : s + " ± " + BenchmarkRecord.number(r.error());
    }

    private static String unitSuffix(String unit) {
        if (unit.isEmpty()) {
            return "";
        }
        return unit.equals("%") ? "%" : " " + unit;
    }

    private static String target(BenchmarkRecord r) {
        if (r.target().isEmpty()) {
            return "reported";
        }
        String[] opAndBound = r.target().split(" ", 2);
        return opAndBound[0] + " " + BenchmarkRecord.number(Double.parseDouble(opAndBound[1])) + unitSuffix(r.unit());
    }

    private static String met(BenchmarkRecord r) {
        Boolean met = r.met();
        return met == null ? "—" : met ? "met" : "**not met**";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
