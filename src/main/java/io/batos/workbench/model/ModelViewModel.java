package io.batos.workbench.model;

import io.batos.cognition.llm.Completion;
import io.batos.events.Event;
import io.batos.kernel.Kernel;
import io.batos.kernel.ModelStatus;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the model status panel shows and does, without a view: the cognitive core's name (the demo
 * core labelled as such), where it runs and why, how fast it last answered; and the actions that
 * replace it — Import a model directory, Connect a server, Demo — and Load and Try it.
 *
 * <p>Contract: every kernel call goes through the {@link TaskExecutor}, one action at a time
 * ({@link #busyProperty()}); an action's progress shows in {@link #progressProperty()} (-1: no
 * measure) and {@link #progressTextProperty()}, and {@link #cancel()} stops it — an import before
 * its next file (nothing recorded), a generation within one decode step — and says
 * {@code cancelled}. Failures are one line in {@link #messageProperty()}. The panel follows the
 * image through {@link #onEvent}: a cycle's answer or a change of core refreshes it (one refresh in
 * flight, at most one more after it).
 */
public final class ModelViewModel {
    /** The psm events after which the core's last figures may have changed. */
    static final Set<String> FIGURE_EVENTS = Set.of("ARTIFACT_GENERATED", "CYCLE_COMPLETE", "CYCLE_FAILED");
    /** How many tokens "Try it" asks for at most. */
    public static final int TRY_TOKENS = 96;

    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;

    private final ReadOnlyObjectWrapper<ModelStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper(this, "demo", false);
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper(this, "kind", "");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "");
    private final ReadOnlyStringWrapper deviceNote = new ReadOnlyStringWrapper(this, "deviceNote", "");
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper(this, "speed", "");
    private final ReadOnlyDoubleWrapper tokensPerSecond = new ReadOnlyDoubleWrapper(this, "tokensPerSecond", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "Say hello to the architect.");
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ObjectProperty<Path> lastDirectory = new SimpleObjectProperty<>(this, "lastDirectory");

    private boolean refreshing;
    private boolean refreshAgain;
    /** The action in flight and the worker running it, for {@link #cancel()}. */
    private CompletableFuture<?> current;
    private volatile Thread worker;

    public ModelViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
    }

    /** Reads the core's status again (in the background); never loads the model. */
    public void refresh() {
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        executor.run(kernel::modelStatus, s -> {
            refreshDone();
            show(s);
        }, failure -> {
            refreshDone();
            message.set("could not read the model's status: " + Notifications.shortMessage(failure));
        });
    }

    private void refreshDone() {
        refreshing = false;
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    /**
     * Tells the panel about something the system did; on the UI thread. A cycle's answer or end, or
     * a commit that recorded a new core, refreshes it; anything else is ignored.
     */
    public void onEvent(Event event) {
        boolean figures = "psm".equals(event.topic()) && FIGURE_EVENTS.contains(event.type());
        boolean core = Kernel.TX_TOPIC.equals(event.topic())
                && String.valueOf(event.fields().get("note")).startsWith("model ");
        if (figures || core) {
            refresh();
        }
    }

    private void show(ModelStatus s) {
        status.set(s);
        if (!s.present()) {
            name.set("no cognitive core");
            kind.set("");
            demo.set(false);
            device.set(s.device() + " (asked)");
            deviceNote.set("");
        } else {
            name.set(s.label());
            kind.set(s.kind() + (s.url() != null ? " — " + s.url() : ""));
            demo.set(s.demo());
            device.set(s.loaded() ? s.device() : s.device() + " (asked; the model loads on first use)");
            deviceNote.set(s.note());
        }
        if (s.loadError() != null) {
            message.set("could not load the model: " + s.loadError());
        }
        ModelStatus.Figures last = s.last();
        tokensPerSecond.set(last == null ? 0 : last.tokensPerSecond());
        speed.set(last == null ? "no answer yet in this session" : speed(last));
    }

    /** The figures as the panel shows them: {@code 41.2 tokens/s, first token after 35 ms (12 tokens, cpu)}. */
    public static String speed(ModelStatus.Figures f) {
        return String.format(Locale.ROOT, "%.1f tokens/s, first token after %.0f ms (%d tokens, %s)",
                f.tokensPerSecond(), f.timeToFirstTokenMs(), f.generatedTokens(), f.device());
    }

    /** Loads the model now (a first use otherwise does), so the panel shows where it runs. */
    public void load() {
        act("loading the model…", kernel::loadModel, s -> {
            show(s);
            message.set("loaded " + s.label() + " on " + s.device());
        });
    }

    /** Imports an exported model directory as the image's core (streamed into its blobs). */
    public void importModel(Path dir) {
        lastDirectory.set(dir);
        act("checking " + dir.getFileName() + "…", () -> kernel.importModel(dir, null, this::storing),
                core -> recorded("imported " + core.name()));
    }

    /** Records an OpenAI-compatible server as the image's core (its API key never enters the image). */
    public void connect(String url, String model) {
        String name = model == null || model.isBlank() ? null : model.strip();
        act("connecting…", () -> kernel.connectModel(url == null ? "" : url.strip(), name),
                core -> recorded("connected to " + core.url()));
    }

    /** Gives the image the demo core: the scripted fixture, labelled as not a language model. */
    public void demo() {
        act("writing the demo core…", () -> kernel.demoModel(this::storing),
                core -> recorded("the cognitive core is now the " + core.name() + " (not a language model)"));
    }

    /** Answers {@link #promptProperty()} with the core (loading it first): the panel's "Try it". */
    public void tryIt() {
        String text = prompt.get() == null ? "" : prompt.get();
        answer.set("");
        act("generating…", () -> kernel.generate(text, TRY_TOKENS), (Completion c) -> {
            answer.set(c.text());
            message.set(String.format(Locale.ROOT, "answered %d tokens at %.1f tokens/s", c.generatedTokens(),
                    c.tokensPerSecond()));
            refresh();
        });
    }

    /** Stops the action in flight (an import before its next file, a generation within one step). */
    public void cancel() {
        Thread running = worker;
        if (running != null) {
            kernel.cancel(running);
        }
        if (current != null) {
            current.cancel(false);
        }
    }

    private void recorded(String what) {
        notifications.tell(what);
        message.set(what);
        refresh();
    }

    /** Told by the kernel, on the worker, before each file is stored. */
    private void storing(String file, long bytes, int index, int count) {
        executor.onUi(() -> {
            progress.set(count == 0 ? -1 : (index - 1) / (double) count);
            progressText.set("storing " + file + " (" + io.batos.workbench.MainViewModel.humanBytes(bytes) + ") ["
                    + index + "/" + count + "]");
        });
    }

    private <T> void act(String doing, Supplier<T> work, java.util.function.Consumer<T> done) {
        if (busy.get()) {
            message.set("wait for the running action, or cancel it");
            return;
        }
        busy.set(true);
        progress.set(-1);
        progressText.set(doing);
        message.set("");
        current = executor.run(() -> {
            worker = Thread.currentThread();
            try {
                return work.get();
            } finally {
                worker = null;
            }
        }, value -> {
            idle();
            done.accept(value);
        }, failure -> {
            idle();
            message.set(failure instanceof CancellationException || failure.getCause() instanceof CancellationException
                    ? "cancelled" : Notifications.shortMessage(failure));
            refresh();
        });
    }

    private void idle() {
        busy.set(false);
        progress.set(-1);
        progressText.set("");
        current = null;
    }

    /** The latest status read (null before the first). */
    public ReadOnlyObjectProperty<ModelStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The model's name as every view shows it (the demo core says it is one). */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Whether the core is the demo core: a scripted fixture, not a language model. */
    public ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    /** {@code onnx}, {@code demo}, {@code server — URL} or {@code attached}. */
    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** Where the model runs ({@code cpu}, {@code cuda:0}, a URL), or the device asked for until it loads. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** Why it runs where it runs when that is not what was asked (CUDA fell back to the CPU), else empty. */
    public ReadOnlyStringProperty deviceNoteProperty() {
        return deviceNote.getReadOnlyProperty();
    }

    /** The last answer's figures as one line. */
    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    /** The last answer's tokens per second (0 before one). */
    public ReadOnlyDoubleProperty tokensPerSecondProperty() {
        return tokensPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    /** Whether an action is in flight (the action buttons wait; progress and Cancel show). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The action's progress in [0, 1], or -1 when it has no measure. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What the action is doing now. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The prompt "Try it" answers. */
    public StringProperty promptProperty() {
        return prompt;
    }

    /** The answer of the last "Try it". */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** The directory last imported from (where the chooser opens next). */
    public ObjectProperty<Path> lastDirectoryProperty() {
        return lastDirectory;
    }
}
