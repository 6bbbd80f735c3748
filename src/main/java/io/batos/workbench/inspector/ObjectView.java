package io.batos.workbench.inspector;

import io.batos.kernel.ObjectDescription;
import javafx.scene.Node;

/**
 * One moldable view of an object in the inspector (Glamorous Toolkit style): a small declaration
 * of a title, a priority and which objects it applies to, and a factory for its content.
 *
 * <p>Contract: {@link #create} runs on the UI thread with an already-described object and must not
 * call the kernel itself — it asks {@link InspectorViewModel} for anything more. It may throw: the
 * inspector then shows an error pane with the message in this view's tab, never a broken window.
 */
public interface ObjectView {
    /** The tab title. */
    String title();

    /** Lower comes first. */
    int priority();

    /** Whether this view has something to show for the object. */
    boolean appliesTo(ObjectDescription object);

    /** The view's content for the object. */
    Node create(ObjectDescription object, InspectorViewModel model);
}
