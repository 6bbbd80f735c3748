package io.batos.code;

import java.util.Objects;

/**
 * One thing a check found in a method's source, placed where the author can see it.
 *
 * <p>Findings are data, never exceptions: the editor draws them as squiggles, the command line
 * prints them, and a self-correcting cycle hands them back to the model.
 *
 * @param rule     the stable id of the rule that found it ({@code parse}, {@code shape},
 *                 {@code covenant}, {@code forbidden-api}, {@code static-state}, {@code sync},
 *                 {@code compile}, {@code sandbox}, {@code trial}…)
 * @param severity {@link Severity#ERROR} refuses the method; {@link Severity#WARNING} only informs
 * @param message  one sentence a person can act on
 * @param line     1-based line in the method source (0 when the finding has no place)
 * @param column   1-based column (0 when unknown)
 */
public record Finding(String rule, Severity severity, String message, int line, int column) {

    /** How much a finding weighs. */
    public enum Severity {
        ERROR, WARNING;

        /** The lower-case word used in JSON. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** An error finding. */
    public static Finding error(String rule, String message, int line, int column) {
        return new Finding(rule, Severity.ERROR, message, line, column);
    }

    /** A warning finding. */
    public static Finding warning(String rule, String message, int line, int column) {
        return new Finding(rule, Severity.WARNING, message, line, column);
    }

    @Override
    public String toString() {
        return (line > 0 ? line + ":" + column + " " : "") + severity.word() + " [" + rule + "] " + message;
    }
}
