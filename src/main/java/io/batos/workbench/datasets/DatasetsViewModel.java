package io.batos.workbench.datasets;

import io.batos.events.Event;
import io.batos.kernel.Kernel;
import io.batos.memory.flywheel.ChatExample;
import io.batos.memory.flywheel.Dataset;
import io.batos.memory.flywheel.DatasetExample;
import io.batos.memory.flywheel.ReviewStatus;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the dataset review shows and does, without a view: ALFRED's curated datasets, the examples
 * of the selected one, the selected example's prompt and completion, and the architect's review
 * (accept, reject, edit) and export.
 *
 * <p>Contract: every kernel call goes through the {@link TaskExecutor}. A review is one commit,
 * reported to the shared {@link Notifications} like every other, after which the dataset is read
 * again and the same example stays selected, showing its new status. An edit replaces the
 * assistant's turn (the completion) and is recorded as {@link ReviewStatus#EDITED}; an edit the
 * kernel refuses (not a valid chat example) keeps the editor open with the reason in
 * {@link #statusProperty()}, and nothing is written. An export's result goes to the status bar.
 * When ALFRED announces a new dataset ({@code DATASET_CURATED} through {@link #onEvent}) his
 * message goes to the status bar and the list is read again; an undo (from the history view) may
 * take a review back, so one reloads the list too.
 */
public final class DatasetsViewModel {
    /** The event type ALFRED's curation announces a dataset with. */
    static final String CURATED = "DATASET_CURATED";

    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;

    private final ObservableList<Dataset> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<Dataset> selectedDataset = new SimpleObjectProperty<>(this, "selectedDataset");
    private final ObservableList<DatasetExample> examples = FXCollections.observableArrayList();
    private final ObjectProperty<DatasetExample> selectedExample = new SimpleObjectProperty<>(this, "selectedExample");
    private final ReadOnlyStringWrapper systemPrompt = new ReadOnlyStringWrapper(this, "systemPrompt", "");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper(this, "prompt", "");
    private final ReadOnlyStringWrapper completion = new ReadOnlyStringWrapper(this, "completion", "");
    private final ReadOnlyStringWrapper provenance = new ReadOnlyStringWrapper(this, "provenance", "");
    private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper(this, "editing", false);
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final BooleanProperty acceptedOnly = new SimpleBooleanProperty(this, "acceptedOnly", true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public DatasetsViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        selectedDataset.addListener((obs, old, dataset) -> {
            Integer keep = selectedExample.get() == null || old == null || dataset == null
                    || !old.id().equals(dataset.id()) ? null : selectedExample.get().number();
            examples.setAll(dataset == null ? List.of() : dataset.examples());
            selectedExample.set(null);
            if (dataset != null && !dataset.examples().isEmpty()) {
                int index = keep == null ? 0 : Math.min(keep, dataset.examples().size()) - 1;
                selectedExample.set(dataset.examples().get(index));
            }
        });
        selectedExample.addListener((obs, old, example) -> show(example));
    }

    /** Reads the datasets again, keeping the selected dataset and example when they are still there. */
    public void refresh() {
        executor.run(kernel::datasets, list -> {
            String selected = selectedDataset.get() == null ? null : selectedDataset.get().id();
            datasets.setAll(list);
            Dataset again = list.stream().filter(d -> d.id().equals(selected)).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(list.size() - 1));
            selectedDataset.set(again);
        }, failure -> fail("could not read the datasets", failure));
    }

    /** Selects a dataset by id (from the list as last read); unknown ids select nothing. */
    public void select(String id) {
        selectedDataset.set(datasets.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null));
    }

    /** Selects an example of the selected dataset by its number (from 1). */
    public void selectExample(int number) {
        selectedExample.set(examples.stream().filter(e -> e.number() == number).findFirst().orElse(null));
    }

    // ---- review --------------------------------------------------------------------------------

    /** Accepts the selected example as it is. */
    public void accept() {
        review(ReviewStatus.ACCEPTED, null);
    }

    /** Rejects the selected example: no export will include it. */
    public void reject() {
        review(ReviewStatus.REJECTED, null);
    }

    /** Opens the editor on the selected example's completion. */
    public void startEdit() {
        if (selectedExample.get() == null) {
            status.set("select an example to edit");
            return;
        }
        draft.set(completion.get());
        editing.set(true);
    }

    /** Closes the editor without writing anything. */
    public void cancelEdit() {
        editing.set(false);
        draft.set("");
    }

    /**
     * Records the draft as the example's completion ({@link ReviewStatus#EDITED}); the editor closes
     * when the image took it.
     */
    public void saveEdit() {
        if (!editing.get()) {
            return;
        }
        if (draft.get() == null || draft.get().isBlank()) {
            status.set("an edited completion cannot be empty");
            return;
        }
        review(ReviewStatus.EDITED, draft.get());
    }

    private void review(ReviewStatus verdict, String edit) {
        Dataset dataset = selectedDataset.get();
        DatasetExample example = selectedExample.get();
        if (dataset == null || example == null) {
            status.set("select an example to review");
            return;
        }
        String id = dataset.id();
        int number = example.number();
        executor.run(() -> {
            long txId = kernel.reviewDataset(id, number, verdict, edit);
            return new Reviewed(txId, kernel.dataset(id));
        }, done -> {
            String what = words(verdict) + " example " + number + " of dataset " + id;
            status.set(what);
            notifications.committed(done.txId(), what);
            if (verdict == ReviewStatus.EDITED) {
                editing.set(false);
                draft.set("");
            }
            replace(done.dataset(), number);
        }, failure -> fail("could not " + verb(verdict) + " example " + number, failure));
    }

    private record Reviewed(long txId, Dataset dataset) {
    }

    /** Puts a dataset read again into the list, selecting it and its example {@code number}. */
    private void replace(Dataset dataset, int number) {
        for (int i = 0; i < datasets.size(); i++) {
            if (datasets.get(i).id().equals(dataset.id())) {
                datasets.set(i, dataset);
            }
        }
        if (selectedDataset.get() != null && selectedDataset.get().id().equals(dataset.id())) {
            selectedDataset.set(dataset);
            selectExample(number);
        }
    }

    // ---- export --------------------------------------------------------------------------------

    /**
     * Exports the selected dataset as chat-format JSONL to {@code file}; rejected examples never go
     * out, and with {@link #acceptedOnlyProperty()} pending ones stay out too.
     */
    public void export(Path file) {
        Dataset dataset = selectedDataset.get();
        if (dataset == null) {
            status.set("select a dataset to export");
            return;
        }
        boolean onlyAccepted = acceptedOnly.get();
        executor.run(() -> kernel.exportDataset(dataset.id(), file, onlyAccepted), export -> {
            String text = "exported " + plural(export.examples(), "example") + " of dataset " + dataset.id()
                    + " to " + export.file() + (export.left() > 0 ? " (" + export.left() + " left out)" : "");
            status.set(text);
            notifications.tell(text);
        }, failure -> fail("could not export dataset " + dataset.id(), failure));
    }

    // ---- live events ---------------------------------------------------------------------------

    /**
     * Takes in a live event (on the UI thread): ALFRED's announcement of a new dataset goes to the
     * status bar and the list is read again; an undo may have taken a review back, so it reloads too.
     */
    public void onEvent(Event event) {
        if (CURATED.equals(event.type())) {
            Object message = event.fields().get("message");
            notifications.tell(message == null ? "ALFRED curated dataset " + event.fields().get("datasetId")
                    : String.valueOf(message));
            refresh();
        } else if (Kernel.TX_TOPIC.equals(event.topic())
                && String.valueOf(event.fields().get("note")).startsWith("undo")) {
            refresh();
        }
    }

    // ---- what the selected example shows -------------------------------------------------------

    private void show(DatasetExample example) {
        cancelEdit();
        if (example == null || example.effective() == null) {
            systemPrompt.set("");
            prompt.set("");
            completion.set("");
            provenance.set("");
            return;
        }
        ChatExample chat = example.effective();
        List<String> system = new ArrayList<>();
        List<ChatExample.Turn> conversation = new ArrayList<>();
        List<ChatExample.Turn> turns = chat.messages();
        for (int i = 0; i < turns.size() - 1; i++) {
            if (turns.get(i).role().equals("system")) {
                system.add(turns.get(i).content());
            } else {
                conversation.add(turns.get(i));
            }
        }
        systemPrompt.set(String.join("\n\n", system));
        if (conversation.size() == 1) {
            prompt.set(conversation.get(0).content());
        } else {
            StringBuilder text = new StringBuilder();
            for (ChatExample.Turn t : conversation) {
                text.append(text.length() == 0 ? "" : "\n\n").append("[").append(t.role()).append("]\n")
                        .append(t.content());
            }
            prompt.set(text.toString());
        }
        completion.set(chat.assistant());
        provenance.set(example.status().word() + (example.edited() != null ? " (edited)" : "") + " — " + example.selector()
                + " — from " + (example.cycles().size() == 1 ? "cycle " : "cycles ") + String.join(", ", example.cycles()));
    }

    private void fail(String what, Throwable failure) {
        status.set(what + ": " + Notifications.shortMessage(failure));
        notifications.failed(failure);
    }

    private static String words(ReviewStatus status) {
        return switch (status) {
            case ACCEPTED -> "accepted";
            case REJECTED -> "rejected";
            case EDITED -> "edited";
            case PENDING -> "reset";
        };
    }

    private static String verb(ReviewStatus status) {
        return switch (status) {
            case ACCEPTED -> "accept";
            case REJECTED -> "reject";
            case EDITED -> "save the edit of";
            case PENDING -> "reset";
        };
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    // ---- properties ----------------------------------------------------------------------------

    /** The curated datasets, oldest first. */
    public ObservableList<Dataset> datasets() {
        return datasets;
    }

    public ObjectProperty<Dataset> selectedDatasetProperty() {
        return selectedDataset;
    }

    /** The selected dataset's examples, by number. */
    public ObservableList<DatasetExample> examples() {
        return examples;
    }

    public ObjectProperty<DatasetExample> selectedExampleProperty() {
        return selectedExample;
    }

    /** The selected example's system prompt (shown collapsed: it is the same for most examples). */
    public ReadOnlyStringProperty systemPromptProperty() {
        return systemPrompt.getReadOnlyProperty();
    }

    /** The selected example's prompt: the user's turn (with any further turns before the answer). */
    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** The selected example's completion, the assistant's turn, as it would be exported (edited or not). */
    public ReadOnlyStringProperty completionProperty() {
        return completion.getReadOnlyProperty();
    }

    /** The selected example's status, selector and the cycles it came from, in one line. */
    public ReadOnlyStringProperty provenanceProperty() {
        return provenance.getReadOnlyProperty();
    }

    /** Whether the completion editor is open. */
    public ReadOnlyBooleanProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** The completion being edited. */
    public StringProperty draftProperty() {
        return draft;
    }

    /** Whether an export leaves pending examples out (rejected ones are always left out). */
    public BooleanProperty acceptedOnlyProperty() {
        return acceptedOnly;
    }

    /** The last thing this view did or could not do, in one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
