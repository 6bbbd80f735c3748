package io.batos.workbench.editor;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.kernel.Kernel;
import io.batos.kernel.MethodInstaller;
import io.batos.workbench.TaskExecutor;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the code editor shows and does, without a view: one method's source, the selector and object
 * it is for, the live findings, a status line and whether there are unaccepted edits.
 *
 * <p>Contract: every kernel call goes through the {@link TaskExecutor}; results change the properties
 * on the UI thread. A check result is applied only when it is the newest check and the source has not
 * changed since it started, so a slow check never overwrites a newer one. {@link #accept()} installs
 * in one transaction through {@link Kernel#install}; a refusal shows the verdict's findings and writes
 * nothing. For a new method ({@link #newMethod(long)}) the selector follows the method name typed.
 */
public final class CodeEditorViewModel {
    private static final Pattern METHOD_NAME =
            Pattern.compile("\\bObject\\s+([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\(");

    private final Kernel kernel;
    private final TaskExecutor executor;

    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final StringProperty selector = new SimpleStringProperty(this, "selector", "");
    private final LongProperty targetOid = new SimpleLongProperty(this, "targetOid", 0);
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty", false);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);

    private String accepted = "";
    private boolean selectorFollowsName;
    private long checkGeneration;

    public CodeEditorViewModel(Kernel kernel, TaskExecutor executor) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.executor = Objects.requireNonNull(executor, "executor");
        source.addListener((obs, old, now) -> {
            dirty.set(!Objects.equals(now, accepted));
            if (selectorFollowsName) {
                String name = methodName(now);
                if (name != null) {
                    selector.set(name);
                }
            }
        });
    }

    /** The method name declared in {@code source} ({@code Object NAME(}), or null when there is none. */
    public static String methodName(String source) {
        Matcher matcher = METHOD_NAME.matcher(source == null ? "" : source);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Loads a method slot of {@code oid} for editing; the slot name stays the selector. */
    public void open(long oid, String selector, String source) {
        selectorFollowsName = false;
        this.accepted = source;
        targetOid.set(oid);
        this.selector.set(selector);
        this.source.set(source);
        dirty.set(false);
        findings.clear();
        status.set("editing " + selector + " of @" + oid);
    }

    /** Starts a new method on {@code oid}; its selector is the method name typed. */
    public void newMethod(long oid) {
        String template = "Object newMethod(UvmObject self, Object... args) {\n    return null;\n}";
        open(oid, "newMethod", template);
        accepted = "";
        selectorFollowsName = true;
        dirty.set(true);
        status.set("new method on @" + oid);
    }

    /** Checks the current source (guardian, compiler, sandbox) in the background; writes nothing. */
    public void check() {
        String text = source.get();
        String name = selector.get();
        long generation = ++checkGeneration;
        executor.run(() -> kernel.check(name, text), verdict -> {
            if (generation == checkGeneration && text.equals(source.get())) {
                findings.setAll(verdict.findings());
            }
        }, failure -> status.set("check failed: " + shortMessage(failure)));
    }

    /** Accepts: installs the source as the selector on the target object, in one transaction. */
    public void accept() {
        String text = source.get();
        String name = selector.get();
        long oid = targetOid.get();
        if (name == null || name.isBlank()) {
            status.set("no method name: write 'Object name(UvmObject self, Object... args) { … }'");
            return;
        }
        checkGeneration++;
        busy.set(true);
        status.set("installing " + name + "…");
        executor.run(() -> kernel.install(oid, name, text), result -> {
            busy.set(false);
            showResult(result, text);
        }, failure -> {
            busy.set(false);
            status.set("install failed: " + shortMessage(failure));
        });
    }

    private void showResult(MethodInstaller.Result result, String text) {
        Verdict verdict = result.verdict();
        findings.setAll(verdict.findings());
        if (result.installed()) {
            accepted = text;
            selectorFollowsName = false;
            dirty.set(!text.equals(source.get()));
            status.set("installed (tx " + result.txId() + ")");
        } else {
            List<Finding> errors = verdict.errors();
            status.set("refused: " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + " — nothing written" + (errors.isEmpty() ? "" : " (" + errors.get(0).message() + ")"));
        }
    }

    private static String shortMessage(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public String getSource() {
        return source.get();
    }

    public void setSource(String text) {
        source.set(text);
    }

    public StringProperty selectorProperty() {
        return selector;
    }

    public String getSelector() {
        return selector.get();
    }

    public LongProperty targetOidProperty() {
        return targetOid;
    }

    public long getTargetOid() {
        return targetOid.get();
    }

    /** The findings of the latest check or install, in source order where known. */
    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    /** Whether the source differs from what was last opened or accepted. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** Whether an install is in flight. */
    public BooleanProperty busyProperty() {
        return busy;
    }
}
