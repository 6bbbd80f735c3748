package io.batos.workbench.history;

import io.batos.image.TxInfo;
import io.batos.kernel.Kernel;
import io.batos.workbench.TaskExecutor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the history tool shows and does, without a view: the transaction log, the objects of the
 * selected transaction, the revisions of the selected object, a diff, and undo.
 *
 * <p>Contract: every kernel call goes through the {@link TaskExecutor}. {@link #transactions()} is
 * oldest first (as the log is); {@link #revisions()} newest first. Selecting an object shows the
 * diff of its newest revision against the one before; {@link #diff(long, long)} diffs any two. An
 * undo that the image refuses leaves everything as it was and puts the reason in
 * {@link #statusProperty()}; a successful one refreshes the log.
 */
public final class HistoryViewModel {
    private final Kernel kernel;
    private final TaskExecutor executor;

    private final ObservableList<TxInfo> transactions = FXCollections.observableArrayList();
    private final ObservableList<Long> objects = FXCollections.observableArrayList();
    private final ObservableList<Long> revisions = FXCollections.observableArrayList();
    private final ObjectProperty<TxInfo> selectedTransaction = new SimpleObjectProperty<>(this, "selectedTransaction");
    private final ObjectProperty<Long> selectedObject = new SimpleObjectProperty<>(this, "selectedObject");
    private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper(this, "diff", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public HistoryViewModel(Kernel kernel, TaskExecutor executor) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.executor = Objects.requireNonNull(executor, "executor");
        selectedTransaction.addListener((obs, old, tx) -> {
            objects.setAll(tx == null ? List.of() : tx.oids().stream().distinct().toList());
            if (tx != null && !objects.isEmpty()) {
                selectedObject.set(null);
                selectedObject.set(objects.get(0));
            } else {
                selectedObject.set(null);
            }
        });
        selectedObject.addListener((obs, old, oid) -> loadRevisions(oid));
    }

    /** Reloads the transaction log, keeping the selected transaction when it is still there. */
    public void refresh() {
        executor.run(kernel::history, log -> {
            TxInfo selected = selectedTransaction.get();
            transactions.setAll(log);
            if (selected != null) {
                selectedTransaction.set(log.stream().filter(tx -> tx.txId() == selected.txId()).findFirst()
                        .orElse(null));
            }
        }, failure -> status.set("could not read the history: " + failure.getMessage()));
    }

    private void loadRevisions(Long oid) {
        if (oid == null) {
            revisions.clear();
            diff.set("");
            return;
        }
        executor.run(() -> kernel.revisions(oid), list -> {
            if (!oid.equals(selectedObject.get())) {
                return;
            }
            revisions.setAll(list);
            if (list.size() >= 2) {
                diff(list.get(1), list.get(0));
            } else if (list.size() == 1) {
                diff(0, list.get(0));
            } else {
                diff.set("");
            }
        }, failure -> status.set("could not read the revisions of @" + oid + ": " + failure.getMessage()));
    }

    /**
     * Shows the diff of the selected object between two revisions (older first; 0 = before it
     * existed); the order of the arguments does not matter.
     */
    public void diff(long revisionA, long revisionB) {
        Long oid = selectedObject.get();
        if (oid == null) {
            return;
        }
        long from = Math.min(revisionA, revisionB);
        long to = Math.max(revisionA, revisionB);
        executor.run(() -> {
            Map<String, String> before = from <= 0 ? null : kernel.stateAt(oid, from);
            Map<String, String> after = kernel.stateAt(oid, to);
            return StateDiff.unified("@" + oid + " at tx " + from, before, "@" + oid + " at tx " + to, after);
        }, text -> {
            if (oid.equals(selectedObject.get())) {
                diff.set(text);
            }
        }, failure -> status.set("could not diff @" + oid + ": " + failure.getMessage()));
    }

    /** Undoes the selected transaction (see {@link #undo(long)}). */
    public void undoSelected() {
        TxInfo tx = selectedTransaction.get();
        if (tx == null) {
            status.set("select a transaction to undo");
            return;
        }
        undo(tx.txId());
    }

    /** Undoes a transaction; the refusal reason goes to the status when the image refuses. */
    public void undo(long txId) {
        executor.run(() -> kernel.undo(txId), undoing -> {
            status.set("undid tx " + txId + " (tx " + undoing + ")");
            refresh();
        }, failure -> status.set(failure.getMessage() == null ? "cannot undo tx " + txId : failure.getMessage()));
    }

    /** The transaction log, oldest first. */
    public ObservableList<TxInfo> transactions() {
        return transactions;
    }

    /** The objects the selected transaction wrote. */
    public ObservableList<Long> objects() {
        return objects;
    }

    /** The selected object's revisions (transaction ids), newest first. */
    public ObservableList<Long> revisions() {
        return revisions;
    }

    public ObjectProperty<TxInfo> selectedTransactionProperty() {
        return selectedTransaction;
    }

    public ObjectProperty<Long> selectedObjectProperty() {
        return selectedObject;
    }

    /** The unified diff shown. */
    public ReadOnlyStringProperty diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public String getDiff() {
        return diff.get();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }
}
