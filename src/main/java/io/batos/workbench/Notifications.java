package io.batos.workbench;

import io.batos.image.ImageException;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The workbench's shared notice board: the one-line message the status bar shows and the last
 * transaction any view committed.
 *
 * <p>Why one object: every ViewModel reports errors and commits the same way, and the main window
 * (title, status bar) listens in one place instead of knowing every view. Only touched on the UI
 * thread (ViewModels call it from their executor callbacks).
 */
public final class Notifications {
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty details = new SimpleStringProperty("");
    private final LongProperty lastCommit = new SimpleLongProperty(0);

    /** The latest one-line message for the user. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /**
     * The full text behind {@link #messageProperty()} — the failure's class and whole message with its
     * causes, or the findings — shown on demand; empty when the message is all there is.
     */
    public ReadOnlyStringProperty detailsProperty() {
        return details;
    }

    /** The latest transaction a view committed (0 until one does). */
    public ReadOnlyLongProperty lastCommitProperty() {
        return lastCommit;
    }

    /** Shows a plain message. */
    public void tell(String text) {
        tell(text, "");
    }

    /** Shows a one-line message with the full text (e.g. the findings) behind it. */
    public void tell(String text, String fullText) {
        details.set(fullText == null ? "" : fullText);
        message.set(text);
    }

    /** Shows a failure as one short line, its full description behind it. */
    public void failed(Throwable failure) {
        tell(shortMessage(failure), details(failure));
    }

    /** Records a commit (and says so). */
    public void committed(long txId, String what) {
        if (txId > 0) {
            lastCommit.set(txId);
        }
        tell(what + (txId > 0 ? " (tx " + txId + ")" : ""));
    }

    /**
     * A failure in full, for the details view: each exception of the cause chain as
     * {@code class: whole message}, outermost first (no stack trace).
     */
    public static String details(Throwable failure) {
        StringBuilder text = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (text.length() > 0) {
                text.append("\nCaused by: ");
            }
            text.append(t.getClass().getName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    /**
     * A failure as one line a user can read: the kernel's own message for image errors (they are
     * written for users), the exception's message otherwise, never a stack trace.
     */
    public static String shortMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof ImageException) && (t.getMessage() == null
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = text.indexOf('\n');
        return newline >= 0 ? text.substring(0, newline) : text;
    }
}
