package io.batos.guardian;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The covenants' {@code pattern} and {@code patternProperties} regexes, with a time bound on every
 * match.
 *
 * <p>Why: a covenant is data anyone with a transaction may edit, and it is checked on the
 * committing thread. A pattern such as {@code ^(a+)+$} backtracks for hours on a 40-character
 * value; without a bound one bad covenant could hang every commit of an object that names it (and
 * DESIGN.md §5 promises that the kernel never hangs). The JDK engine reads its input only through
 * {@link CharSequence#charAt}, so a sequence that looks at the clock there stops any match.
 *
 * <p>Contract: the same dialect as the validator's default JDK factory (its {@code $} and
 * {@code \p{…}} rewrites, unanchored {@code find}); a match that runs past the bound throws
 * {@link TooSlow}, which the guardian reports as a {@code covenant-schema} finding naming the
 * pattern.
 */
final class BoundedPatterns implements RegularExpressionFactory {
    /** How often (in characters read) the clock is looked at: rarely enough to cost nothing. */
    private static final int CLOCK_EVERY = 1 << 12;

    private final long limitNanos;

    BoundedPatterns(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(
                RegularExpressions.replaceDollarAnchors(regex)));
        return value -> pattern.matcher(new Clocked(value, regex, System.nanoTime() + limitNanos, limitNanos)).find();
    }

    /** A match that ran past the bound; the covenant's pattern, not the data, is at fault. */
    static final class TooSlow extends RuntimeException {
        TooSlow(String regex, long limitNanos) {
            super("its pattern '" + regex + "' ran longer than " + Duration.ofNanos(limitNanos).toMillis()
                    + " ms on one value (catastrophic backtracking); simplify the pattern", null, false, false);
        }
    }

    /** The value, read through a clock. */
    private static final class Clocked implements CharSequence {
        private final String value;
        private final String regex;
        private final long deadline;
        private final long limitNanos;
        private int reads;

        Clocked(String value, String regex, long deadline, long limitNanos) {
            this.value = value;
            this.regex = regex;
            this.deadline = deadline;
            this.limitNanos = limitNanos;
        }

        @Override
        public char charAt(int index) {
            if (++reads == CLOCK_EVERY) {
                reads = 0;
                if (System.nanoTime() - deadline > 0) {
                    throw new TooSlow(regex, limitNanos);
                }
            }
            return value.charAt(index);
        }

        @Override
        public int length() {
            return value.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return value.subSequence(start, end);
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
