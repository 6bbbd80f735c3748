package io.batos.cli;

import io.batos.cognition.llm.ModelException;
import io.batos.image.ImageException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns a failure into the one stderr line and the exit code of DESIGN.md §12.
 *
 * <p>Scripts read the exit code and people read the line, so the line is always exactly one
 * ({@code batos: <message>}) and never a stack trace, unless {@code -Dbatos.debug=true} asks for
 * one while hunting a bug.
 */
final class Failures {
    /** Exit code for anything that is not an {@link ImageException}. */
    static final int INTERNAL = ImageException.Code.ERROR.exitCode();
    /** Exit code for bad arguments, as picocli reports them. */
    static final int USAGE = ImageException.Code.USAGE.exitCode();

    private Failures() {
    }

    /** Reports a failure of a running command and answers its exit code. */
    static int report(Throwable failure, PrintWriter err) {
        err.println("batos: " + message(failure));
        debug(failure, err);
        err.flush();
        return failure instanceof ImageException image ? image.code().exitCode() : INTERNAL;
    }

    /** Reports a command line picocli could not parse; the hint names the command's help. */
    static int reportUsage(CommandLine.ParameterException failure, PrintWriter err) {
        String command = failure.getCommandLine().getCommandSpec().qualifiedName();
        err.println("batos: " + oneLine(failure.getMessage()) + " (see `" + command + " --help`)");
        debug(failure, err);
        err.flush();
        return USAGE;
    }

    static String message(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof ImageException || failure instanceof ModelException) {
            return oneLine(message);
        }
        // A bare NullPointerException or the like says little; its type at least names the fault.
        return message == null || message.isBlank()
                ? failure.getClass().getName()
                : failure.getClass().getSimpleName() + ": " + oneLine(message);
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void debug(Throwable failure, PrintWriter err) {
        if (Boolean.getBoolean("batos.debug")) {
            failure.printStackTrace(err);
        }
    }
}
