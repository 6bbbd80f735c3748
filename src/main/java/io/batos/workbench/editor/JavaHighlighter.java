package io.batos.workbench.editor;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Java syntax styling as style-class spans — pure computation, safe on any thread.
 *
 * <p>Why a separate class: the editor computes these off the FX thread and applies only the latest
 * result (RichTextFX's Java-keywords demo); keeping it free of UI state makes that safe and lets it
 * be tested without a scene. Contract: the spans cover the whole text, each span carrying zero or one
 * of the classes {@code keyword}, {@code paren}, {@code brace}, {@code bracket}, {@code semicolon},
 * {@code string}, {@code comment}, {@code number}.
 */
public final class JavaHighlighter {
    private static final String[] KEYWORDS = {
        "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
        "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
        "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
        "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
        "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
        "volatile", "while", "var", "record", "yield", "true", "false", "null"
    };

    private static final Pattern PATTERN = Pattern.compile(
            "(?<KEYWORD>\\b(" + String.join("|", KEYWORDS) + ")\\b)"
            + "|(?<PAREN>[()])"
            + "|(?<BRACE>[{}])"
            + "|(?<BRACKET>[\\[\\]])"
            + "|(?<SEMICOLON>;)"
            + "|(?<STRING>\"([^\"\\\\\\n]|\\\\.)*\"|'([^'\\\\\\n]|\\\\.)*')"
            + "|(?<COMMENT>//[^\\n]*|/\\*(.|\\R)*?\\*/)"
            + "|(?<NUMBER>\\b\\d+(\\.\\d+)?[lLdDfF]?\\b)");

    private static final String[] GROUPS = {
        "KEYWORD", "PAREN", "BRACE", "BRACKET", "SEMICOLON", "STRING", "COMMENT", "NUMBER"
    };

    private JavaHighlighter() {
    }

    /** The style spans of {@code text}. */
    public static StyleSpans<Collection<String>> compute(String text) {
        Matcher matcher = PATTERN.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (matcher.find()) {
            String styleClass = null;
            for (String group : GROUPS) {
                if (matcher.group(group) != null) {
                    styleClass = group.toLowerCase(java.util.Locale.ROOT);
                    break;
                }
            }
            spans.add(Collections.emptyList(), matcher.start() - last);
            spans.add(Collections.singleton(styleClass), matcher.end() - matcher.start());
            last = matcher.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
