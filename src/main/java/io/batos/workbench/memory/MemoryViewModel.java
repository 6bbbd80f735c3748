package io.batos.workbench.memory;

import io.batos.events.Event;
import io.batos.kernel.Kernel;
import io.batos.memory.CycleDocument;
import io.batos.memory.Hit;
import io.batos.memory.flywheel.MetacognitionReport;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the memory tool shows and does, without a view: a search over Fractal Memory, the cycle
 * opened from it, and ALFRED's metacognition report.
 *
 * <p>Contract: every kernel call goes through the {@link TaskExecutor}. A query Lucene cannot parse
 * (or an empty one) leaves the hits as they were and puts one line in {@link #searchErrorProperty()};
 * the next good search clears it. Only the latest search and the latest opened cycle are shown, so
 * a slow answer to an older request never overwrites a newer one. The report is computed on
 * {@link #refreshReport()} and again when the autotelic loop or a cycle's end changes what memory
 * holds ({@link #onEvent}), one computation at a time: a request while one runs is folded into one
 * more run after it.
 */
public final class MemoryViewModel {
    /** How many hits a search shows. */
    public static final int LIMIT = 50;
    /** The events after which the report may have changed: an autotelic pass, a cycle's end. */
    private static final Set<String> REPORT_CHANGES = Set.of("AUTOTELIC_PASS", "CYCLE_COMPLETE", "CYCLE_FAILED",
            "DATASET_CURATED");

    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;

    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<Hit> hits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper searchError = new ReadOnlyStringWrapper(this, "searchError", "");
    private final ReadOnlyStringWrapper searchStatus = new ReadOnlyStringWrapper(this, "searchStatus", "");
    private final ReadOnlyObjectWrapper<CycleDocument> document = new ReadOnlyObjectWrapper<>(this, "document");
    private final ReadOnlyStringWrapper documentError = new ReadOnlyStringWrapper(this, "documentError", "");
    private final ReadOnlyObjectWrapper<MetacognitionReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper reportError = new ReadOnlyStringWrapper(this, "reportError", "");
    private long searchGeneration;
    private String openRequested;
    private boolean reportRunning;
    private boolean reportAgain;

    public MemoryViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    // ---- search --------------------------------------------------------------------------------

    /** Searches for {@link #queryProperty()}'s text. */
    public void search() {
        search(query.get());
    }

    /** Searches Fractal Memory for a Lucene query, best hits first. */
    public void search(String text) {
        String q = text == null ? "" : text.strip();
        query.set(q);
        long generation = ++searchGeneration;
        executor.run(() -> kernel.searchMemory(q, LIMIT), found -> {
            if (generation != searchGeneration) {
                return;
            }
            searchError.set("");
            hits.setAll(found);
            searchStatus.set(found.isEmpty() ? "no cycle matches" : found.size() == 1 ? "1 cycle"
                    : found.size() + " cycles" + (found.size() == LIMIT ? " (the best " + LIMIT + ")" : ""));
        }, failure -> {
            if (generation == searchGeneration) {
                searchError.set(Notifications.shortMessage(failure));
            }
        });
    }

    /** The query being typed or last searched. */
    public StringProperty queryProperty() {
        return query;
    }

    /** The last good search's hits, best first. */
    public ObservableList<Hit> hits() {
        return hits;
    }

    /** Why the last search failed, in one line; empty when it did not. */
    public ReadOnlyStringProperty searchErrorProperty() {
        return searchError.getReadOnlyProperty();
    }

    /** How many cycles the last good search found, in words. */
    public ReadOnlyStringProperty searchStatusProperty() {
        return searchStatus.getReadOnlyProperty();
    }

    // ---- the opened cycle ----------------------------------------------------------------------

    /**
     * Opens one cycle's document by its id — a search hit's, or any other view's (the PSM monitor
     * names cycles the same way). An unknown cycle clears the document and says so in
     * {@link #documentErrorProperty()}.
     */
    public void open(String cycleId) {
        if (cycleId == null || cycleId.isBlank()) {
            openRequested = null;
            document.set(null);
            documentError.set("");
            return;
        }
        openRequested = cycleId;
        executor.run(() -> kernel.memoryDocument(cycleId), doc -> {
            if (cycleId.equals(openRequested)) {
                documentError.set("");
                document.set(doc);
            }
        }, failure -> {
            if (cycleId.equals(openRequested)) {
                document.set(null);
                documentError.set(Notifications.shortMessage(failure));
            }
        });
    }

    /** The opened cycle's document (texts read from their blobs), or null. */
    public ReadOnlyObjectProperty<CycleDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    /** Why the cycle asked for could not be opened; empty when it was. */
    public ReadOnlyStringProperty documentErrorProperty() {
        return documentError.getReadOnlyProperty();
    }

    // ---- the report ----------------------------------------------------------------------------

    /** Computes ALFRED's metacognition report again (in the background). */
    public void refreshReport() {
        if (reportRunning) {
            reportAgain = true;
            return;
        }
        reportRunning = true;
        executor.run(kernel::report, computed -> {
            reportError.set("");
            report.set(computed);
            reportDone();
        }, failure -> {
            reportError.set("could not compute the report: " + Notifications.shortMessage(failure));
            notifications.failed(failure);
            reportDone();
        });
    }

    /** Computes the report unless one was computed or asked for already (the view's first showing). */
    public void loadReport() {
        if (report.get() == null && !reportRunning) {
            refreshReport();
        }
    }

    private void reportDone() {
        reportRunning = false;
        if (reportAgain) {
            reportAgain = false;
            refreshReport();
        }
    }

    /** The last report computed, or null before the first. */
    public ReadOnlyObjectProperty<MetacognitionReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Why the last report could not be computed; empty when it could. */
    public ReadOnlyStringProperty reportErrorProperty() {
        return reportError.getReadOnlyProperty();
    }

    /**
     * Takes in a live event (on the UI thread): after an autotelic pass, a cycle's end or a new
     * dataset, a report already shown is computed again; nothing else concerns this view.
     */
    public void onEvent(Event event) {
        if (REPORT_CHANGES.contains(event.type()) && report.get() != null) {
            refreshReport();
        }
    }

    // ---- figures for the charts ----------------------------------------------------------------

    /**
     * Success rate per state in percent, in the order cycles pass the states; states no cycle has
     * left yet (no rate) are left out rather than drawn as zero.
     */
    public static Map<String, Double> stateRates(MetacognitionReport report) {
        Map<String, Double> rates = new LinkedHashMap<>();
        report.byState().forEach((state, tally) -> {
            if (tally.successRate() != null) {
                rates.put(state, 100 * tally.successRate());
            }
        });
        return rates;
    }

    /** Success rate per persona in percent (personas with no ended cycle left out). */
    public static Map<String, Double> personaRates(MetacognitionReport report) {
        Map<String, Double> rates = new LinkedHashMap<>();
        report.byPersona().forEach((persona, tally) -> {
            if (tally.successRate() != null) {
                rates.put(persona, 100 * tally.successRate());
            }
        });
        return rates;
    }

    /** The totals in one line: {@code 12 cycles: 9 complete, 2 failed, 1 running — 81.8 % succeeded}. */
    public static String totalsLine(MetacognitionReport report) {
        MetacognitionReport.Tally t = report.totals();
        return t.cycles() + " cycles: " + t.complete() + " complete, " + t.failed() + " failed, " + t.running()
                + " running — " + percent(t.successRate()) + " succeeded";
    }

    /**
     * What self-correction achieved, in one line: corrections dispatched, the mean corrections per
     * success, and the missions a correction rescued.
     */
    public static String correctionsLine(MetacognitionReport report) {
        MetacognitionReport.Corrections c = report.corrections();
        String mean = c.meanCorrectionsPerSuccess() == null ? "–"
                : String.format(Locale.ROOT, "%.2f", c.meanCorrectionsPerSuccess());
        return c.dispatched() + " corrections dispatched; " + mean + " corrections per success; "
                + c.missionsRescued() + " of " + c.missions() + " missions rescued by a correction ("
                + c.missionsComplete() + " complete)";
    }

    /** A share as a percentage with one decimal ({@code 81.8 %}), or {@code –} when there is none. */
    public static String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }
}
