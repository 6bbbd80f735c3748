package io.batos.image;

/**
 * The root of every failure the store reports, each with a stable {@link Code}.
 *
 * <p>The code is what callers switch on (the command line maps it to an exit code, the server to an
 * error word); the message is one line a person can act on.
 */
public class ImageException extends RuntimeException {

    /** Stable failure kinds; their words and exit codes are fixed in DESIGN.md §12. */
    public enum Code {
        ERROR("error", 1),
        USAGE("usage", 2),
        NOT_UNDERSTOOD("not-understood", 3),
        REJECTED("rejected", 4),
        CONFLICT("conflict", 5),
        LOCKED("locked", 6),
        NEEDS_APPROVAL("needs-approval", 7),
        NOT_FOUND("not-found", 8),
        VERIFY_FAILED("verify-failed", 9);

        private final String word;
        private final int exitCode;

        Code(String word, int exitCode) {
            this.word = word;
            this.exitCode = exitCode;
        }

        /** The error word used in JSON replies. */
        public String word() {
            return word;
        }

        /** The process exit code the command line uses. */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Code code;

    public ImageException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public ImageException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
