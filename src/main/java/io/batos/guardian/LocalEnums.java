package io.batos.guardian;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds local enum declarations in a method source, so that they can be parsed apart: JavaParser
 * 3.28 parses local records and interfaces but not local enums (javaparser issue #3990), which
 * Java 16+ allows.
 *
 * <p>How: a small lexer skips comments, strings, character literals and text blocks and tracks
 * braces; an {@code enum} keyword inside the method body that starts a statement or a member
 * (after {@code ;}, <code>{</code> or <code>}</code>) begins a declaration that ends at the brace
 * closing its body. {@link SourceParser} blanks those spans in the method (so every other position
 * stays put) and parses each enum on its own, padded to its original line and column, so the rules
 * see it with true positions.
 *
 * <p>Contract: only used when the method does not parse as it is; answers the spans, in order,
 * as {@code [start, end)} character offsets of the source; an unterminated declaration is left
 * alone (the parse error then stands).
 */
final class LocalEnums {

    private LocalEnums() {
    }

    /** The {@code [start, end)} spans of enum declarations nested inside the method, possibly none. */
    static List<int[]> find(String text) {
        List<int[]> spans = new ArrayList<>();
        int depth = 0;
        char previous = ';';
        int i = 0;
        int n = text.length();
        while (i < n) {
            int next = skipNonCode(text, i);
            if (next != i) {
                i = next;
                continue;
            }
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth >= 1 && isKeywordAt(text, i, "enum") && (previous == ';' || previous == '{' || previous == '}')) {
                int end = declarationEnd(text, i);
                if (end > 0) {
                    spans.add(new int[] {i, end});
                    i = end;
                    previous = '}';
                    continue;
                }
            }
            if (Character.isJavaIdentifierPart(c)) {
                while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                previous = 'a';
                continue;
            }
            previous = c;
            i++;
        }
        return spans;
    }

    /** The text with the spans replaced by spaces, line breaks kept. */
    static String blank(String text, List<int[]> spans) {
        StringBuilder out = new StringBuilder(text);
        for (int[] span : spans) {
            blankRange(out, span[0], span[1]);
        }
        return out.toString();
    }

    /** The text with everything outside {@code [start, end)} replaced by spaces, line breaks kept. */
    static String only(String text, int start, int end) {
        StringBuilder out = new StringBuilder(text.length());
        out.append(text);
        blankRange(out, 0, start);
        blankRange(out, end, text.length());
        return out.toString();
    }

    private static void blankRange(StringBuilder out, int start, int end) {
        for (int k = start; k < end; k++) {
            char ch = out.charAt(k);
            if (ch != '\n' && ch != '\r') {
                out.setCharAt(k, ' ');
            }
        }
    }

    /** The offset just after the brace closing the enum body that starts at {@code at}, or -1. */
    private static int declarationEnd(String text, int at) {
        int depth = 0;
        int i = at;
        while (i < text.length()) {
            int next = skipNonCode(text, i);
            if (next != i) {
                i = next;
                continue;
            }
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
                if (depth < 0) {
                    return -1;
                }
            } else if (c == ';' && depth == 0) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static boolean isKeywordAt(String text, int i, String word) {
        return text.startsWith(word, i)
                && (i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)))
                && (i + word.length() >= text.length() || !Character.isJavaIdentifierPart(text.charAt(i + word.length())));
    }

    /** Skips a comment, string, character literal or text block starting at {@code i}; answers {@code i} if none. */
    private static int skipNonCode(String text, int i) {
        int n = text.length();
        if (text.startsWith("//", i)) {
            int end = i;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            return end;
        }
        if (text.startsWith("/*", i)) {
            int end = text.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        if (text.startsWith("\"\"\"", i)) {
            int k = i + 3;
            while (k < n) {
                if (text.charAt(k) == '\\') {
                    k += 2;
                } else if (text.startsWith("\"\"\"", k)) {
                    return k + 3;
                } else {
                    k++;
                }
            }
            return n;
        }
        char c = text.charAt(i);
        if (c == '"' || c == '\'') {
            int k = i + 1;
            while (k < n && text.charAt(k) != c && text.charAt(k) != '\n') {
                k += text.charAt(k) == '\\' ? 2 : 1;
            }
            return Math.min(n, k + 1);
        }
        return i;
    }
}
