package io.batos.workbench.monitor;

import io.batos.cognition.psm.PersonaExchange;
import io.batos.code.Finding;
import io.batos.events.Event;
import io.batos.kernel.CycleInfo;
import io.batos.kernel.Kernel;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the PSM monitor shows and does, without a view: the cycles of this process, and for the
 * selected one its place in the state machine, its timeline, the personas' prompts and the model's
 * raw answers, the model's output as it streams, and tokens per second; and cancelling it.
 *
 * <p>Two sources, one picture. The live one is the event feed: {@link #psm} takes the cycles'
 * transitions (topic {@code psm}), {@link #tokens} the model's streamed batches (topic
 * {@code tokens}); both run on the UI thread and only update properties. The other is the kernel,
 * always through the {@link TaskExecutor}: {@link #refresh()} lists the cycles (for the mission's
 * wording, and cycles that started before I listened), and the selected cycle's details (prompts,
 * answers, artifact, verdict, outcome) are read again whenever its events say they changed — one
 * read at a time, the latest request winning. Events are the authority on a running cycle's state;
 * a cycle the kernel says has ended has ended.
 *
 * <p>{@link #STATES} is the diagram's vocabulary: the PSM's states with {@code APPROVAL} for the wait
 * in the verdict queue (the orchestrator parks a cycle in VALIDATING). The streamed text keeps the
 * last {@value #STREAM_CHARS} characters of each cycle, so a long session stays light.
 */
public final class MonitorViewModel {
    /** The states as the diagram draws them, in the order a cycle passes them. */
    public static final List<String> STATES = List.of("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING",
            "VALIDATING", "APPROVAL", "COMPLETE", "FAILED");
    /** The diagram's name for a cycle waiting in the verdict queue. */
    public static final String APPROVAL = "APPROVAL";
    /** How much of each cycle's streamed output is kept (the tail). */
    public static final int STREAM_CHARS = 20_000;

    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;

    private final ObservableList<CycleRow> cycles = FXCollections.observableArrayList();
    private final Map<String, Trace> traces = new HashMap<>();
    private final ObjectProperty<String> selectedCycle = new SimpleObjectProperty<>(this, "selectedCycle");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ObservableList<String> visited = FXCollections.observableArrayList();
    private final ObservableList<TimelineEntry> timeline = FXCollections.observableArrayList();
    private final ObservableList<PersonaExchange> exchanges = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper stream = new ReadOnlyStringWrapper(this, "stream", "");
    private final ReadOnlyStringWrapper tokensPerSecond = new ReadOnlyStringWrapper(this, "tokensPerSecond", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private boolean detailsLoading;
    private boolean detailsStale;

    /** What the monitor has gathered about one cycle from its events. */
    private static final class Trace {
        final List<TimelineEntry> timeline = new ArrayList<>();
        final Set<String> visited = new LinkedHashSet<>();
        final StringBuilder stream = new StringBuilder();
        String streamSpeaker;
        Double tokensPerSecond;
        boolean corrected;

        void append(String text) {
            stream.append(text);
            if (stream.length() > STREAM_CHARS) {
                stream.delete(0, stream.length() - STREAM_CHARS);
            }
        }
    }

    public MonitorViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        selectedCycle.addListener((obs, old, id) -> {
            showSelected();
            reloadDetails();
        });
    }

    // ---- the live picture --------------------------------------------------------------------

    /** Takes a batch of {@code psm} events (UI thread): rows, timelines and the diagram follow. */
    public void psm(List<Event> batch) {
        Set<String> touched = new LinkedHashSet<>();
        boolean unknown = false;
        for (Event event : batch) {
            String id = text(event, "cycle_id");
            if (id == null) {
                continue;
            }
            Trace trace = traces.computeIfAbsent(id, k -> new Trace());
            int at = indexOf(id);
            CycleRow row = at >= 0 ? cycles.get(at) : firstRow(id, event);
            unknown |= at < 0;
            CycleRow next = advance(row, trace, event);
            if (at >= 0) {
                cycles.set(at, next);
            } else {
                cycles.add(0, next);
            }
            touched.add(id);
        }
        if (touched.contains(selectedCycle.get())) {
            showSelected();
            reloadDetails();
        }
        if (unknown) {
            refresh();
        }
    }

    /** Takes a batch of {@code tokens} events (UI thread): the streamed text and tokens/s follow. */
    public void tokens(List<Event> batch) {
        boolean selectedStreamed = false;
        boolean selectedAnswered = false;
        for (Event event : batch) {
            String id = text(event, "cycle_id");
            if (id == null) {
                continue;
            }
            Trace trace = traces.computeIfAbsent(id, k -> new Trace());
            String speaker = text(event, "persona") + " · " + text(event, "state");
            if (!speaker.equals(trace.streamSpeaker)) {
                trace.append((trace.stream.length() == 0 ? "" : "\n") + "── " + speaker + " ──\n");
                trace.streamSpeaker = speaker;
            }
            Object text = event.fields().get("text");
            if (text instanceof String s) {
                trace.append(s);
            }
            if (event.fields().get("tokensPerSecond") instanceof Number rate) {
                trace.tokensPerSecond = rate.doubleValue();
            }
            boolean ended = "GENERATION_END".equals(event.type());
            if (ended && event.fields().get("error") instanceof String error) {
                trace.append("\n[" + error + "]");
            }
            int at = indexOf(id);
            if (at >= 0 && cycles.get(at).inFlight() && !Objects.equals(cycles.get(at).persona(), text(event, "persona"))) {
                CycleRow row = cycles.get(at);
                cycles.set(at, new CycleRow(row.cycleId(), row.mission(), row.state(), text(event, "persona"),
                        row.started(), row.outcome(), row.inFlight(), row.awaitingApproval(), row.parentCycle()));
            }
            if (id.equals(selectedCycle.get())) {
                selectedStreamed = true;
                selectedAnswered |= ended;
            }
        }
        if (selectedStreamed) {
            showStream(traces.get(selectedCycle.get()));
        }
        if (selectedAnswered) {
            reloadDetails();
        }
    }

    private CycleRow firstRow(String id, Event event) {
        String selector = text(event, "selector");
        Object receiver = event.fields().get("artifact_oid");
        // the same words as CycleInfo.summary(), which later snapshots of the row use
        String mission = selector != null && receiver != null ? selector + " on @" + receiver
                : "a " + Objects.requireNonNullElse(text(event, "mission_type"), "mission");
        return new CycleRow(id, mission, "IDLE", null, instant(event), "", true, false, text(event, "parent_cycle"));
    }

    /** The row after one event, and the event in the cycle's trace. */
    private static CycleRow advance(CycleRow row, Trace trace, Event event) {
        String type = event.type();
        String stateNow = "STATE_TRANSITION".equals(type) ? text(event, "transition_to") : text(event, "current_state");
        if (stateNow == null) {
            stateNow = row.state();
        }
        String persona = text(event, "active_persona");
        boolean inFlight = row.inFlight();
        boolean awaiting = row.awaitingApproval();
        String outcome = row.outcome();
        String detail = "";
        switch (type) {
            case "STATE_TRANSITION" -> detail = Objects.requireNonNullElse(text(event, "current_state"), "") + " → "
                    + stateNow;
            case "APPROVAL_REQUESTED" -> {
                awaiting = true;
                detail = "waiting in the verdict queue";
            }
            case "APPROVAL_GRANTED", "APPROVAL_DENIED" -> {
                awaiting = false;
                detail = Objects.requireNonNullElse(text(event, "note"), "");
            }
            case "VALIDATION_SUCCESS", "VALIDATION_FAILURE" -> detail = findings(event.fields().get("validation_result"));
            case "CORRECTION_DISPATCHED" -> {
                trace.corrected = true;
                detail = Objects.requireNonNullElse(text(event, "note"), "");
            }
            case "CYCLE_COMPLETE" -> {
                inFlight = false;
                awaiting = false;
                stateNow = "COMPLETE";
                Object tx = event.fields().get("transaction_id");
                outcome = "COMPLETE" + (tx == null ? "" : " (tx " + tx + ")");
                detail = outcome;
            }
            case "CYCLE_FAILED" -> {
                inFlight = false;
                awaiting = false;
                stateNow = "FAILED";
                String note = text(event, "note");
                outcome = note != null ? "FAILED: " + note : trace.corrected ? "FAILED, corrected by a new cycle"
                        : "FAILED";
                detail = outcome;
            }
            default -> {
            }
        }
        trace.visited.add(stateNow);
        trace.timeline.add(new TimelineEntry(instant(event), type, stateNow, persona, detail));
        return new CycleRow(row.cycleId(), row.mission(), stateNow, persona != null ? persona : row.persona(),
                row.started(), outcome, inFlight, awaiting, row.parentCycle());
    }

    private static String findings(Object validationResult) {
        if (!(validationResult instanceof List<?> list) || list.isEmpty()) {
            return "no findings";
        }
        return list.size() + " finding(s)";
    }

    // ---- the kernel's picture ------------------------------------------------------------------

    /** Reads the cycle list again (through the executor) and merges it into the rows. */
    public void refresh() {
        executor.run(kernel::cycles, this::merge, failure -> status.set("could not list the cycles: "
                + Notifications.shortMessage(failure)));
    }

    private void merge(List<CycleInfo> described) {
        for (CycleInfo d : described) {
            int at = indexOf(d.id());
            CycleRow row = at >= 0 ? cycles.get(at) : null;
            CycleRow next;
            if (row == null) {
                next = new CycleRow(d.id(), d.summary(), d.state(), d.persona(), d.started(),
                        d.finished() ? d.state() : "", d.inFlight(), d.awaitingApproval(), d.parentCycle());
                traces.computeIfAbsent(d.id(), k -> new Trace()).visited.add(d.state());
            } else if (d.finished() && row.inFlight()) {
                // An end the events have not told yet (or never will, to a late listener).
                next = new CycleRow(d.id(), d.summary(), d.state(), d.persona(), d.started(),
                        row.outcome().isEmpty() ? d.state() : row.outcome(), false, false, d.parentCycle());
            } else {
                next = new CycleRow(d.id(), d.summary(), row.state(), row.persona(), d.started(), row.outcome(),
                        row.inFlight(), row.awaitingApproval(), d.parentCycle());
            }
            if (at >= 0) {
                cycles.set(at, next);
            } else {
                cycles.add(next);
            }
        }
        if (described.stream().anyMatch(d -> indexOf(d.id()) >= 0)) {
            List<CycleRow> sorted = new ArrayList<>(cycles);
            sorted.sort(Comparator.comparing(CycleRow::started).reversed());
            if (!sorted.equals(cycles)) {
                cycles.setAll(sorted);
            }
        }
        if (selectedCycle.get() != null) {
            showSelected();
        }
    }

    /** Reads the selected cycle's details; while one read runs, a second request waits for it. */
    private void reloadDetails() {
        String id = selectedCycle.get();
        if (id == null) {
            exchanges.clear();
            details.set("");
            return;
        }
        if (detailsLoading) {
            detailsStale = true;
            return;
        }
        detailsLoading = true;
        executor.run(() -> kernel.cycle(id), described -> {
            detailsLoading = false;
            if (id.equals(selectedCycle.get())) {
                showDetails(described);
            }
            if (detailsStale) {
                detailsStale = false;
                reloadDetails();
            }
        }, failure -> {
            detailsLoading = false;
            detailsStale = false;
            status.set(Notifications.shortMessage(failure));
        });
    }

    private void showDetails(CycleInfo d) {
                exchanges.setAll(d.exchanges());
        details.set(describe(d));
        int at = indexOf(d.id());
        if (!d.inFlight()) {
            merge(List.of(d));
        } else if (at >= 0 && d.persona() != null && !d.persona().equals(cycles.get(at).persona())) {
            // A persona takes over after its state's transition event: the kernel knows first.
            CycleRow row = cycles.get(at);
            cycles.set(at, new CycleRow(row.cycleId(), row.mission(), row.state(), d.persona(), row.started(),
                    row.outcome(), row.inFlight(), row.awaitingApproval(), row.parentCycle()));
        }
    }

    /** The selected cycle's details as text: mission, artifact, verdict, trial run, outcome. */
    static String describe(CycleInfo d) {
                StringBuilder text = new StringBuilder();
        text.append("Mission: ").append(d.summary()).append(" (").append(d.brief().type()).append(")");
        if (d.brief().depth() > 0) {
            text.append(", correction ").append(d.brief().depth()).append(" of cycle ").append(d.parentCycle());
        }
        text.append(d.preApproved() ? ", approved up front" : "").append('\n');
        if (d.artifactText() != null) {
            text.append("\nArtifact:\n").append(d.artifactText()).append('\n');
        }
        if (d.verdict() != null) {
            text.append("\nVerdict: ").append(d.verdict().accepted() ? "accepted" : "refused").append('\n');
            for (Finding f : d.verdict().findings()) {
                text.append("  ").append(f).append('\n');
            }
        }
        if (d.trialResult() != null) {
            text.append("Trial run: ").append(d.trialResult()).append('\n');
        }
        if (d.outcome() != null) {
            text.append("\nOutcome: ").append(d.outcome().complete() ? "COMPLETE (tx " + d.outcome().txId() + ")"
                    : "FAILED: " + d.outcome().reason()).append('\n');
        }
        if (!d.findings().isEmpty()) {
            text.append("\nFindings:\n");
            d.findings().forEach(f -> text.append("  ").append(f).append('\n'));
        }
        return text.toString();
    }

    // ---- actions -----------------------------------------------------------------------------------

    /** Selects a cycle (null: none); the diagram, timeline, prompts and stream follow it. */
    public void select(String cycleId) {
        selectedCycle.set(cycleId);
    }

    /**
     * Cancels the selected cycle (through the executor; the kernel waits for it to end): it ends
     * FAILED and writes nothing. The status says how it ended.
     */
    public void cancelSelected() {
        String id = selectedCycle.get();
        if (id == null) {
            status.set("select a cycle to cancel");
            return;
        }
        status.set("cancelling cycle " + id + " …");
        executor.run(() -> kernel.cancelCycle(id), ended -> {
            String said = ended.cancelled() && "FAILED".equals(ended.state())
                    ? "cycle " + id + " cancelled: nothing was written"
                    : "cycle " + id + " had already ended (" + ended.state() + ")";
            status.set(said);
            notifications.tell(said);
            merge(List.of(ended));
            if (id.equals(selectedCycle.get())) {
                showDetails(ended);
            }
        }, failure -> {
            status.set(Notifications.shortMessage(failure));
            notifications.failed(failure);
        });
    }

    private void showSelected() {
        String id = selectedCycle.get();
        Trace trace = id == null ? null : traces.get(id);
        int at = id == null ? -1 : indexOf(id);
        CycleRow row = at >= 0 ? cycles.get(at) : null;
        if (row == null) {
            state.set("");
            visited.clear();
            timeline.clear();
            cancellable.set(false);
            showStream(null);
            return;
        }
        state.set(row.awaitingApproval() ? APPROVAL : row.state());
        cancellable.set(row.inFlight());
        List<String> path = new ArrayList<>(trace == null ? List.of(row.state()) : trace.visited);
        if (!visited.equals(path)) {
            visited.setAll(path);
        }
        if (trace != null && timeline.size() != trace.timeline.size()) {
            timeline.setAll(trace.timeline);
        }
        showStream(trace);
    }

    private void showStream(Trace trace) {
        stream.set(trace == null ? "" : trace.stream.toString());
        tokensPerSecond.set(trace == null || trace.tokensPerSecond == null ? ""
                : String.format(Locale.ROOT, "%.1f tokens/s", trace.tokensPerSecond));
    }

    private int indexOf(String id) {
        for (int i = 0; i < cycles.size(); i++) {
            if (cycles.get(i).cycleId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(Event event, String field) {
        Object value = event.fields().get(field);
        return value == null ? null : String.valueOf(value);
    }

    private static Instant instant(Event event) {
        Object stamp = event.fields().get("timestamp");
        if (stamp instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // the bus's own time will do
            }
        }
        return event.time();
    }

    // ---- what the view binds to --------------------------------------------------------------------

    /** The cycles of this process, newest first. */
    public ObservableList<CycleRow> cycles() {
        return cycles;
    }

    /** The selected cycle's id, or null. */
    public ObjectProperty<String> selectedCycleProperty() {
        return selectedCycle;
    }

    /** The selected cycle's state in the diagram's words ({@link #STATES}); empty when none is selected. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The states the selected cycle has passed, in order (the active one last). */
    public ObservableList<String> visited() {
        return visited;
    }

    /** The selected cycle's events, oldest first. */
    public ObservableList<TimelineEntry> timeline() {
        return timeline;
    }

    /** The selected cycle's prompts and the model's raw answers, oldest first. */
    public ObservableList<PersonaExchange> exchanges() {
        return exchanges;
    }

    /** The model's output for the selected cycle as it streamed, each answer under its speaker. */
    public ReadOnlyStringProperty streamProperty() {
        return stream.getReadOnlyProperty();
    }

    /** The model's latest rate for the selected cycle ({@code 123.4 tokens/s}); empty until known. */
    public ReadOnlyStringProperty tokensPerSecondProperty() {
        return tokensPerSecond.getReadOnlyProperty();
    }

    /** The selected cycle's mission, artifact, verdict, trial run and outcome, as text. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Whether the selected cycle can be cancelled (it has not ended). */
    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    /** The monitor's one-line message. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
