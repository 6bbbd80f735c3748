package io.batos.workbench.editor;

import io.batos.code.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps findings (1-based line and column) to character ranges of a text — where the squiggles go.
 *
 * <p>Contract: a finding with a column covers the word (identifier characters, or else the run of
 * non-blank characters) starting there; a finding with a line but no column covers that line's text;
 * a finding with no line (line 0) covers nothing. A line or column past the text is clamped to it, so
 * a stale finding never throws; every range is at least one character long when the text is not
 * empty.
 */
public final class FindingRanges {

    /** A finding and the characters it covers, {@code [start, end)}. */
    public record Range(Finding finding, int start, int end) {
        /** Whether the range covers character {@code index}. */
        public boolean covers(int index) {
            return index >= start && index < end;
        }
    }

    private FindingRanges() {
    }

    /** The ranges of the findings that have a place in {@code text}, in the findings' order. */
    public static List<Range> of(String text, List<Finding> findings) {
        List<Range> ranges = new ArrayList<>();
        if (text.isEmpty()) {
            return ranges;
        }
        for (Finding finding : findings) {
            if (finding.line() <= 0) {
                continue;
            }
            int lineStart = lineStart(text, finding.line());
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            int start;
            int end;
            if (finding.column() <= 0) {
                start = lineStart;
                while (start < lineEnd && Character.isWhitespace(text.charAt(start))) {
                    start++;
                }
                end = lineEnd;
            } else {
                start = Math.min(lineStart + finding.column() - 1, lineEnd);
                end = start;
                if (end < lineEnd && Character.isJavaIdentifierPart(text.charAt(end))) {
                    while (end < lineEnd && Character.isJavaIdentifierPart(text.charAt(end))) {
                        end++;
                    }
                } else {
                    while (end < lineEnd && !Character.isWhitespace(text.charAt(end))) {
                        end++;
                    }
                }
            }
            if (end <= start) {
                start = Math.min(start, text.length() - 1);
                end = start + 1;
            }
            ranges.add(new Range(finding, start, end));
        }
        return ranges;
    }

    /** The offset where 1-based {@code line} starts (the last line's start when past the end). */
    static int lineStart(String text, int line) {
        int offset = 0;
        for (int current = 1; current < line; current++) {
            int next = text.indexOf('\n', offset);
            if (next < 0) {
                return offset;
            }
            offset = next + 1;
        }
        return offset;
    }
}
