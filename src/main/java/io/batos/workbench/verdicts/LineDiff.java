package io.batos.workbench.verdicts;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts by longest common subsequence, and its side-by-side rows — pure
 * computation, no UI and no image.
 *
 * <p>Why our own: the verdict queue shows a method against the one it would replace, side by side,
 * and needs each line's kind (kept, removed, added) rather than a unified patch. Contract: lines
 * are compared exactly (whitespace counts); the diff keeps as many lines as an LCS allows, and of
 * several equally long ones prefers removals before additions, so a changed line reads as "removed,
 * then added". Methods are short: the table is quadratic, and texts whose table would exceed
 * {@link #MAX_CELLS} are shown as wholly removed and wholly added instead.
 */
public final class LineDiff {
    /** The largest LCS table (lines × lines) computed; beyond it the diff is "all removed, all added". */
    public static final long MAX_CELLS = 4_000_000L;

    /** What happened to a line. */
    public enum Kind { SAME, REMOVED, ADDED }

    /**
     * One line of the diff.
     *
     * @param kind   kept, removed (only before) or added (only after)
     * @param text   the line, without its line break
     * @param before its 1-based number in the text before, 0 for an added line
     * @param after  its 1-based number in the text after, 0 for a removed line
     */
    public record Line(Kind kind, String text, int before, int after) {
    }

    /**
     * One row of the side-by-side view: the line before on the left, the line after on the right;
     * either side is null where that text has no line (a pure addition or removal).
     */
    public record Row(Line left, Line right) {
    }

    private LineDiff() {
    }

    /** The diff from {@code before} to {@code after} (null counts as empty), in reading order. */
    public static List<Line> diff(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Line> out = new ArrayList<>();
        if ((long) a.size() * b.size() > MAX_CELLS) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Line(Kind.REMOVED, a.get(i), i + 1, 0));
            }
            for (int j = 0; j < b.size(); j++) {
                out.add(new Line(Kind.ADDED, b.get(j), 0, j + 1));
            }
            return out;
        }
        // lcs[i][j]: the LCS length of a[i..] and b[j..], so the walk below runs forwards.
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new Line(Kind.SAME, a.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line(Kind.REMOVED, a.get(i), i + 1, 0));
                i++;
            } else {
                out.add(new Line(Kind.ADDED, b.get(j), 0, j + 1));
                j++;
            }
        }
        return out;
    }

    /**
     * The diff as side-by-side rows: a kept line on both sides; a run of removed lines followed by a
     * run of added ones paired up row by row (a change reads across), the longer run's rest alone.
     */
    public static List<Row> sideBySide(List<Line> diff) {
        List<Row> rows = new ArrayList<>();
        int k = 0;
        while (k < diff.size()) {
            Line line = diff.get(k);
            if (line.kind() == Kind.SAME) {
                rows.add(new Row(line, line));
                k++;
                continue;
            }
            List<Line> removed = new ArrayList<>();
            while (k < diff.size() && diff.get(k).kind() == Kind.REMOVED) {
                removed.add(diff.get(k++));
            }
            List<Line> added = new ArrayList<>();
            while (k < diff.size() && diff.get(k).kind() == Kind.ADDED) {
                added.add(diff.get(k++));
            }
            for (int n = 0; n < Math.max(removed.size(), added.size()); n++) {
                rows.add(new Row(n < removed.size() ? removed.get(n) : null, n < added.size() ? added.get(n) : null));
            }
        }
        return rows;
    }

    /** How many lines the diff adds and removes, as {@code +A −R}. */
    public static String stat(List<Line> diff) {
        long added = diff.stream().filter(l -> l.kind() == Kind.ADDED).count();
        long removed = diff.stream().filter(l -> l.kind() == Kind.REMOVED).count();
        return "+" + added + " −" + removed;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : text.lines().toList();
    }
}
