package io.batos.workbench.inspector;

import io.batos.kernel.CycleInfo;
import io.batos.kernel.Kernel;
import io.batos.kernel.ObjectDescription;
import io.batos.kernel.SlotDescription;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The inspector's state and actions (Self's outliner): the inspected object, its outline rows,
 * lazy expansion into referenced objects and parents, and in-place edits of data values.
 *
 * <p>All kernel work runs on the injected {@link TaskExecutor}. An edit goes through
 * {@link Kernel#setJson}: malformed JSON or a value that cannot persist is refused there before
 * anything is written, and only {@link #messageProperty()} changes.
 */
public final class InspectorViewModel {
    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;
    private final ObjectViews views;
    private final ObjectProperty<ObjectDescription> inspected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");

    public InspectorViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications, ObjectViews views) {
        this.kernel = kernel;
        this.executor = executor;
        this.notifications = notifications;
        this.views = views;
    }

    /** The object being inspected (null before the first). */
    public ObjectProperty<ObjectDescription> inspectedProperty() {
        return inspected;
    }

    /** The inspector's last one-line message. */
    public StringProperty messageProperty() {
        return message;
    }

    /** The views registry. */
    public ObjectViews views() {
        return views;
    }

    /** Inspects the object with this oid. */
    public void inspect(long oid) {
        executor.run(() -> kernel.describe(oid), description -> {
            message.set("");
            inspected.set(description);
        }, this::failed);
    }

    /** Inspects the object a TARGET names ({@code lobby}, a dotted path, {@code @OID}). */
    public void inspect(String target) {
        executor.run(() -> kernel.describe(kernel.resolve(target)), description -> {
            message.set("");
            inspected.set(description);
        }, this::failed);
    }

    /**
     * Inspects a cognitive cycle's object — committed, or as the running cycle's own transaction
     * holds it (see {@link Kernel#describeCycle}).
     */
    public void inspectCycle(String cycleId) {
        executor.run(() -> kernel.describeCycle(cycleId), description -> {
            message.set("");
            inspected.set(description);
        }, this::failed);
    }

    /**
     * Hands over what this process knows of a cycle (state, findings, verdict), or null when it ran
     * no cycle of that id — a cycle of an earlier session is known to the image only by its object.
     */
    public void cycle(String cycleId, Consumer<CycleInfo> done) {
        executor.run(() -> kernel.cycle(cycleId), done, failure -> done.accept(null));
    }

    /** Describes the object behind an expanded row and hands over its rows. */
    public void expand(long oid, Consumer<List<OutlineRow>> done) {
        executor.run(() -> kernel.describe(oid), description -> done.accept(rows(description)), this::failed);
    }

    /** The outline rows of an object: its parents (each opening into the parent), then its slots. */
    public static List<OutlineRow> rows(ObjectDescription object) {
        List<OutlineRow> rows = new ArrayList<>();
        for (int i = 0; i < object.parents().size(); i++) {
            long parent = object.parents().get(i);
            rows.add(new OutlineRow("parent " + (i + 1), "@" + parent, -1, null, parent));
        }
        for (SlotDescription slot : object.slots()) {
            switch (slot.kind()) {
                case PARENTS -> { }
                case REFERENCE -> rows.add(new OutlineRow(name(slot), "@" + slot.ref(), -1, null, slot.ref()));
                case DATA -> rows.add(new OutlineRow(name(slot), slot.json(), object.oid(), slot.name(), -1));
                default -> rows.add(new OutlineRow(name(slot), slot.json(), -1, null, -1));
            }
        }
        return rows;
    }

    private static String name(SlotDescription slot) {
        return slot.inherited() ? slot.name() + " (from @" + slot.holder() + ")" : slot.name();
    }

    /**
     * Sets a slot from JSON text in one transaction; {@code done} gets true when written, false when
     * refused (the message says why, nothing was written). The inspected object is re-described.
     */
    public void edit(long oid, String slot, String json, Consumer<Boolean> done) {
        executor.run(() -> kernel.setJson(oid, slot, json), txId -> {
            notifications.committed(txId, "set " + slot);
            message.set("saved (tx " + txId + ")");
            done.accept(true);
            refresh();
        }, failure -> {
            failed(failure);
            done.accept(false);
        });
    }

    /** Describes the inspected object again. */
    public void refresh() {
        ObjectDescription current = inspected.get();
        if (current != null) {
            executor.run(() -> kernel.describe(current.oid()), inspected::set, this::failed);
        }
    }

    private void failed(Throwable failure) {
        message.set(Notifications.shortMessage(failure));
        notifications.failed(failure);
    }
}
