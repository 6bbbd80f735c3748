package io.batos.workbench.history;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an object's states as text and diffs two of them — pure computation, no UI and no image.
 *
 * <p>Contract: a state is rendered as one {@code slot = json} line per slot, sorted by slot name, so
 * the same state always renders the same; a missing state (the object did not exist yet) renders as
 * no lines. The diff is a unified diff with three lines of context, or {@link #NO_DIFFERENCES}.
 */
public final class StateDiff {
    /** What the diff says when the two states render the same. */
    public static final String NO_DIFFERENCES = "(no differences)";

    private StateDiff() {
    }

    /** The {@code slot = json} lines of a state (none for null). */
    public static List<String> lines(Map<String, String> state) {
        List<String> lines = new ArrayList<>();
        if (state != null) {
            new TreeMap<>(state).forEach((slot, json) -> lines.add(slot + " = " + json));
        }
        return lines;
    }

    /** The unified diff from {@code before} to {@code after}, labelled with their names. */
    public static String unified(String beforeName, Map<String, String> before, String afterName,
                                 Map<String, String> after) {
        List<String> from = lines(before);
        List<String> to = lines(after);
        Patch<String> patch = DiffUtils.diff(from, to);
        if (patch.getDeltas().isEmpty()) {
            return NO_DIFFERENCES;
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, from, patch, 3));
    }
}
