package io.batos.cli;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.guardian.PersistenceGuardian;
import io.batos.image.ImageException;
import io.batos.kernel.VerdictJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code batos guardian check FILE}: the PersistenceGuardian's verdict on one method source.
 *
 * <p>Exit 0 when accepted, 4 when rejected; the findings go to stdout (one line each, as
 * {@code FILE:LINE:COLUMN: severity [rule] message}, or one JSON document with {@code --json}).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Audit a method source with the PersistenceGuardian (exit 0 accepted, 4 rejected).")
final class GuardianCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a file holding one method's source")
    Path file;

    @Option(names = "--selector", paramLabel = "NAME", description = "the selector it will be installed as")
    String selector;

    @Option(names = "--json", description = "print the verdict as one JSON document")
    boolean json;

    @Override
    public Integer call() {
        Verdict verdict = new PersistenceGuardian().audit(read(file), selector);
        print(spec.commandLine().getOut(), file.toString(), verdict, json);
        return verdict.accepted() ? 0 : ImageException.Code.REJECTED.exitCode();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Prints a verdict for people (one line per finding) or as JSON. */
    static void print(PrintWriter out, String where, Verdict verdict, boolean json) {
        if (json) {
            out.println(ImageCommand.jsonText(VerdictJson.toJson(verdict)));
        } else {
            for (Finding finding : verdict.findings()) {
                out.println(where + ":" + finding.line() + ":" + finding.column() + ": " + finding.severity().word()
                        + " [" + finding.rule() + "] " + finding.message());
            }
            out.println(verdict.accepted() ? "accepted" : "rejected");
        }
        out.flush();
    }
}
