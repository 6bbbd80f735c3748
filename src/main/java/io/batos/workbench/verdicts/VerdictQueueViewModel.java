package io.batos.workbench.verdicts;

import io.batos.code.Finding;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.events.Event;
import io.batos.kernel.CycleInfo;
import io.batos.kernel.Kernel;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the verdict queue shows and does, without a view: the cycles awaiting the architect, the
 * selected one's artifact (diffed against the slot it would replace), findings and trial result,
 * and the two decisions.
 *
 * <p>Contract: every kernel call goes through the {@link TaskExecutor}; results change the
 * properties on the UI thread. {@link #approve()} and {@link #reject()} decide the selected cycle
 * through {@link Kernel#approve} and {@link Kernel#reject} — the calls the server's {@code approve}
 * and {@code reject} make — and answer in {@link #statusProperty()} once the cycle has ended; a
 * cycle that fails on approval (a conflict) is a status line, not an exception. The queue follows
 * the image live through {@link #onEvent}: a psm event that can change the queue refreshes it, and
 * refreshes never pile up (one in flight, at most one more after it).
 */
public final class VerdictQueueViewModel {
    /** The psm events after which the queue may have changed. */
    static final Set<String> QUEUE_EVENTS = Set.of("APPROVAL_REQUESTED", "APPROVAL_GRANTED", "APPROVAL_DENIED",
            "CYCLE_COMPLETE", "CYCLE_FAILED");

    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;

    private final ObservableList<CycleInfo> waiting = FXCollections.observableArrayList();
    private final ObjectProperty<CycleInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count", 0);
    private final ObservableList<LineDiff.Row> diffRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper diffStat = new ReadOnlyStringWrapper(this, "diffStat", "");
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<String> earlierFindings = FXCollections.observableArrayList();
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper deciding = new ReadOnlyBooleanWrapper(this, "deciding", false);

    private boolean refreshing;
    private boolean refreshAgain;
    private Consumer<String> inspector = id -> { };

    public VerdictQueueViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        selected.addListener((obs, old, cycle) -> show(cycle));
    }

    /** Reads the queue again (in the background), keeping the selected cycle while it still waits. */
    public void refresh() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        executor.run(kernel::awaitingApproval, list -> {
            refreshDone();
            showQueue(list);
        }, failure -> {
            refreshDone();
            status.set("could not read the verdict queue: " + Notifications.shortMessage(failure));
        });
    }

    private void refreshDone() {
        refreshing = false;
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    private void showQueue(List<CycleInfo> list) {
        CycleInfo current = selected.get();
        waiting.setAll(list);
        count.set(list.size());
        CycleInfo keep = current == null ? null
                : list.stream().filter(c -> c.id().equals(current.id())).findFirst().orElse(null);
        selected.set(keep != null ? keep : list.isEmpty() ? null : list.get(0));
    }

    /**
     * Tells the queue about something the system did; on the UI thread. A psm event that can change
     * the queue (a cycle parked, decided or ended) refreshes it; anything else is ignored.
     */
    public void onEvent(Event event) {
        if ("psm".equals(event.topic()) && QUEUE_EVENTS.contains(event.type())) {
            refresh();
        }
    }

    private void show(CycleInfo cycle) {
        diffRows.clear();
        diffStat.set("");
        findings.setAll(cycle == null || cycle.verdict() == null ? List.of() : cycle.verdict().findings());
        earlierFindings.setAll(cycle == null ? List.of() : cycle.findings());
        if (cycle == null || cycle.artifactSource() == null) {
            return;
        }
        String before = cycle.replaced();
        String after = cycle.artifactSource();
        // For a new method the view shows the source alone; the rows are its lines, all added.
        executor.run(() -> LineDiff.diff(before, after), lines -> {
            if (cycle.equals(selected.get())) {
                diffRows.setAll(LineDiff.sideBySide(lines));
                diffStat.set(cycle.replaces() ? LineDiff.stat(lines) : "");
            }
        }, failure -> status.set("could not diff: " + Notifications.shortMessage(failure)));
    }

    /** Approves the selected cycle: it commits (or fails on a conflict) and leaves the queue. */
    public void approve() {
        CycleInfo cycle = selected.get();
        if (cycle == null) {
            status.set("select a cycle to approve");
            return;
        }
        decide(cycle, "approving", () -> kernel.approve(cycle.id()));
    }

    /** Rejects the selected cycle with {@link #noteProperty()}: nothing is written, it ends FAILED. */
    public void reject() {
        CycleInfo cycle = selected.get();
        if (cycle == null) {
            status.set("select a cycle to reject");
            return;
        }
        String why = note.get() == null ? "" : note.get().strip();
        decide(cycle, "rejecting", () -> kernel.reject(cycle.id(), why));
    }

    private void decide(CycleInfo cycle, String doing, java.util.function.Supplier<CycleOutcome> decision) {
        deciding.set(true);
        status.set(doing + " " + cycle.summary() + "…");
        executor.run(decision, outcome -> {
            deciding.set(false);
            note.set("");
            if (outcome.complete()) {
                notifications.committed(outcome.txId(), "installed " + cycle.summary());
                status.set("approved: " + cycle.summary() + " installed (tx " + outcome.txId() + ")");
            } else {
                status.set("cycle " + cycle.id() + " ended FAILED: " + outcome.reason());
                notifications.tell(status.get(), String.join("\n", outcome.findings()));
            }
            refresh();
        }, failure -> {
            deciding.set(false);
            status.set(Notifications.shortMessage(failure));
            notifications.failed(failure);
            refresh();
        });
    }

    /** Shows the selected cycle's object in the inspector (through the hook {@link #setInspector} set). */
    public void inspectSelected() {
        CycleInfo cycle = selected.get();
        if (cycle != null) {
            inspector.accept(cycle.id());
        }
    }

    /** Where {@link #inspectSelected()} sends a cycle id (the main window: the inspector). */
    public void setInspector(Consumer<String> inspector) {
        this.inspector = inspector == null ? id -> { } : inspector;
    }

    /** The cycles awaiting approval, oldest first. */
    public ObservableList<CycleInfo> waiting() {
        return waiting;
    }

    /** How many cycles wait (the tab's badge). */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ObjectProperty<CycleInfo> selectedProperty() {
        return selected;
    }

    /**
     * The selected artifact side by side with the slot it replaces (left: now, right: the artifact);
     * for a new method every row has only a right side.
     */
    public ObservableList<LineDiff.Row> diffRows() {
        return diffRows;
    }

    /** {@code +A −R} for the shown diff, empty while there is none and for a new method. */
    public ReadOnlyStringProperty diffStatProperty() {
        return diffStat.getReadOnlyProperty();
    }

    /** The guardians' findings on the selected artifact (its verdict), with their severities. */
    public ObservableList<Finding> findings() {
        return findings;
    }

    /** The selected cycle's finding lines so far: its earlier, refused attempts' (corrections). */
    public ObservableList<String> earlierFindings() {
        return earlierFindings;
    }

    /** The architect's note sent with a rejection. */
    public StringProperty noteProperty() {
        return note;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    /** Whether a decision is in flight (the buttons wait). */
    public ReadOnlyBooleanProperty decidingProperty() {
        return deciding.getReadOnlyProperty();
    }
}
