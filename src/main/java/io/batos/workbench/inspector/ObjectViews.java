package io.batos.workbench.inspector;

import io.batos.kernel.ObjectDescription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry of {@link ObjectView}s: which views apply to an object, sorted by priority.
 *
 * <p>Why a registry: new kinds of objects (cycles, datasets in later parts) bring their own views
 * without the inspector knowing them. A view whose {@code appliesTo} throws is skipped.
 */
public final class ObjectViews {
    private final List<ObjectView> views = new CopyOnWriteArrayList<>();

    /** A registry with the built-in views: Slots, Blob and Cycle. */
    public static ObjectViews standard() {
        ObjectViews registry = new ObjectViews();
        registry.register(new CycleView());
        registry.register(new SlotsView());
        registry.register(new BlobView());
        return registry;
    }

    public void register(ObjectView view) {
        views.add(view);
    }

    /** The views that apply to an object, lowest priority first (ties keep registration order). */
    public List<ObjectView> applicable(ObjectDescription object) {
        List<ObjectView> result = new ArrayList<>();
        for (ObjectView view : views) {
            try {
                if (view.appliesTo(object)) {
                    result.add(view);
                }
            } catch (RuntimeException e) {
                // A broken appliesTo hides only that view.
            }
        }
        result.sort(Comparator.comparingInt(ObjectView::priority));
        return result;
    }
}
