package io.batos.cli;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.image.ImageException;
import io.batos.kernel.Kernel;
import io.batos.kernel.VerdictJson;
import io.batos.kernel.Vessel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos data check --covenant NAME FILE}: the DataGuardian's verdict on a JSON file against
 * a data covenant of the image (ALFRED's codex), writing nothing.
 *
 * <p>Why against the image: covenants are data there, and the architect may have edited or added
 * some; this is the same check a commit or a cognitive cycle applies, so a file that passes here
 * passes there. The image is opened for reading only (recovery runs, genesis does not, nothing is
 * committed).
 *
 * <p>Exit 0 and {@code valid} when the file keeps the covenant; exit 4 with one finding per line
 * ({@code FILE: error [data-covenant] /steps: …}, with {@code :LINE:COLUMN} for a parse error) and
 * {@code invalid}, or the verdict as one JSON document with {@code --json}; exit 8 when the image has
 * no covenant of that name; exit 2 when the file cannot be read (one line, before the image is
 * opened).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a JSON file against a data covenant of the image (exit 0 valid, 4 invalid).")
final class DataCheckCommand extends ImageCommand {
    @Option(names = "--covenant", required = true, paramLabel = "NAME",
            description = "the covenant's name in ALFRED's codex, e.g. MissionPlan")
    String covenant;

    @Parameters(index = "0", paramLabel = "FILE", description = "a file holding one JSON document")
    Path file;

    @Override
    public Integer call() {
        String text = read(file);
        Verdict verdict;
        try (Vessel vessel = openForReading()) {
            verdict = new Kernel(vessel, ORIGIN).checkData(covenant, text);
        }
        print(out(), file.toString(), verdict, json);
        return verdict.accepted() ? 0 : ImageException.Code.REJECTED.exitCode();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.USAGE, "cannot read " + file + ": " + why(e));
        }
    }

    /** The reason in words: Java's own messages for these are just the path again. */
    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Prints a verdict for people (one finding a line, then {@code valid} or {@code invalid}) or as JSON. */
    private static void print(PrintWriter out, String where, Verdict verdict, boolean json) {
        if (json) {
            out.println(jsonText(VerdictJson.toJson(verdict)));
        } else {
            for (Finding finding : verdict.findings()) {
                String place = finding.line() > 0 ? where + ":" + finding.line() + ":" + finding.column() : where;
                out.println(place + ": " + finding.severity().word() + " [" + finding.rule() + "] "
                        + finding.message());
            }
            out.println(verdict.accepted() ? "valid" : "invalid");
        }
        out.flush();
    }
}
