package io.batos.memory.flywheel;

import io.batos.image.ImageException;
import java.util.Arrays;
import java.util.Locale;

/** Where the architect's review of one curated example stands. */
public enum ReviewStatus {
    /** Curated by ALFRED, not yet looked at. */
    PENDING,
    /** Looked at and kept as it is. */
    ACCEPTED,
    /** Looked at and left out of every export. */
    REJECTED,
    /** Looked at and kept in the architect's corrected form. */
    EDITED;

    /** The word used in slots, JSON and on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an export with {@code --accepted-only} includes it. */
    public boolean accepted() {
        return this == ACCEPTED || this == EDITED;
    }

    /** The status a word names; a usage error naming the words otherwise. */
    public static ReviewStatus of(String word) {
        for (ReviewStatus s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        throw new ImageException(ImageException.Code.USAGE, "no review status '" + word + "' (one of "
                + String.join(", ", Arrays.stream(values()).map(ReviewStatus::word).toList()) + ")");
    }
}
