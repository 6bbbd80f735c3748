package io.batos.cognition.psm;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a codex prompt template: each {@code {{name}}} becomes its value, an unknown name becomes
 * empty, and nothing else is interpreted — templates are data the architect edits, never code.
 */
final class Prompts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private Prompts() {
    }

    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
