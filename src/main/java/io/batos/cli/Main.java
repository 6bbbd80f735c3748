package io.batos.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The {@code batos} process entry point: parses the command line, runs one command, and turns its
 * outcome into the exit codes of DESIGN.md §12.
 *
 * <p>{@link #run} does everything but exit, so tests drive the real command line in-process with
 * their own streams. Every failure ends as exactly one line {@code batos: <message>} on stderr: a
 * picocli parameter error exits 2, an {@link io.batos.image.ImageException} exits with its code's
 * number, anything else exits 1 ({@code -Dbatos.debug=true} adds the stack trace).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs one command line with the given streams and answers its exit code; never calls
     * {@code System.exit}, never lets an exception escape.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            CommandLine commandLine = commandLine(outWriter, errWriter);
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            // Only a broken command model gets here; it still deserves the one-line contract.
            return Failures.report(e, errWriter);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The whole command tree, wired to the given streams and to the §12 exit codes. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new BatosCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, args) -> Failures.reportUsage(e, err));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> Failures.report(e, err));
        return commandLine;
    }
}
