package io.batos.workbench.workspace;

import io.batos.kernel.Kernel;
import io.batos.kernel.SendScope;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The workspace's state and actions: a receiver (a TARGET, default {@code lobby}) and Do it /
 * Print it / Inspect it on a snippet, each through {@link Kernel#evaluate} in one transaction.
 *
 * <p>Which snippet: the selection when there is one, else the caret's line ({@link #snippetSpan}).
 * A refusal (sandbox, compiler) shows its one-line message in {@link #resultProperty()}.
 *
 * <p>A send that is not understood starts a cognitive cycle: evaluations run under a
 * {@link SendScope} that may park (the workbench shows a verdict queue, so under the codex's
 * policy {@code always} the cycle waits there for the architect), and that names the cycle to the
 * {@linkplain #setCycleOpener cycle opener} — the main window opens it in the monitor — while the
 * evaluation waits for it. When the cycle commits, the send adopts the new method and the answer
 * shows as usual; when it fails, the failure's one line shows. The wait runs
 * {@linkplain TaskExecutor#runApart apart} from the views' threads, however long the architect
 * takes to approve.
 */
public final class WorkspaceViewModel {
    /** A span of the workspace text: [start, end). */
    public record Span(int start, int end) {
    }

    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;
    private final StringProperty target = new SimpleStringProperty("lobby");
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private LongConsumer inspector = oid -> { };
    private Consumer<String> cycleOpener = cycleId -> { };

    public WorkspaceViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications) {
        this.kernel = kernel;
        this.executor = executor;
        this.notifications = notifications;
    }

    /** The receiver: {@code lobby}, a dotted path, or {@code @OID}. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The workspace's code. */
    public StringProperty textProperty() {
        return text;
    }

    /** The last answer or one-line refusal. */
    public StringProperty resultProperty() {
        return result;
    }

    /** Where Inspect it sends an object answer (the main window opens it in the inspector). */
    public void setInspector(LongConsumer inspector) {
        this.inspector = inspector;
    }

    /** Where a cycle started by a workspace send is shown (the main window opens it in the monitor). */
    public void setCycleOpener(Consumer<String> opener) {
        this.cycleOpener = opener;
    }

    /** The snippet to run: the selection when not empty, else the whole line around the caret. */
    public static Span snippetSpan(String text, int selectionStart, int selectionEnd, int caret) {
        if (selectionEnd > selectionStart) {
            return new Span(selectionStart, selectionEnd);
        }
        int at = Math.max(0, Math.min(caret, text.length()));
        int start = text.lastIndexOf('\n', at - 1) + 1;
        int end = text.indexOf('\n', at);
        return new Span(start, end < 0 ? text.length() : end);
    }

    /** Evaluates and shows the answer. */
    public void doIt(String snippet) {
        evaluate(snippet, evaluation -> result.set(evaluation.text()));
    }

    /** Evaluates and hands {@code " → answer"} to {@code insert}, which puts it after the snippet. */
    public void printIt(String snippet, Consumer<String> insert) {
        evaluate(snippet, evaluation -> {
            result.set(evaluation.text());
            insert.accept(" → " + evaluation.text());
        });
    }

    /** Evaluates; an object answer opens in the inspector, anything else is shown. */
    public void inspectIt(String snippet) {
        evaluate(snippet, evaluation -> {
            result.set(evaluation.text());
            if (evaluation.ref() >= 0) {
                inspector.accept(evaluation.ref());
            }
        });
    }

    private void evaluate(String snippet, Consumer<Kernel.Evaluation> then) {
        if (snippet == null || snippet.isBlank()) {
            result.set("nothing to evaluate");
            return;
        }
        String receiver = target.get() == null || target.get().isBlank() ? "lobby" : target.get().trim();
        result.set("…");
        SendScope scope = new SendScope(false, true, cycleId -> executor.onUi(() -> {
            result.set("… not understood: cycle " + cycleId + " is writing the method (see Monitor)");
            cycleOpener.accept(cycleId);
        }));
        executor.runApart(() -> scope.run(() -> kernel.evaluate(kernel.resolve(receiver), snippet)), evaluation -> {
            if (evaluation.txId() > 0) {
                notifications.committed(evaluation.txId(), "evaluated");
            }
            then.accept(evaluation);
        }, failure -> {
            result.set(Notifications.shortMessage(failure));
            notifications.failed(failure);
        });
    }
}
