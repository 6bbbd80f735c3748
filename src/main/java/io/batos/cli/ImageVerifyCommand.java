package io.batos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageException;
import io.batos.image.VerifyReport;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;

/**
 * {@code batos image verify}: recovers exactly as opening does, then reads the whole image back;
 * exit 0 when it is sound, 9 when it is not.
 *
 * <p>Recovery is reported on stderr first, because a torn tail that opening cut is news but not
 * damage; only what recovery cannot explain fails the check (§3). The problems are data, so they
 * go to stdout (in the JSON document with {@code --json}); stderr gets the one failure line.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every record, state and blob of an image (exit 9 when damaged).")
final class ImageVerifyCommand extends ImageCommand {
    @Override
    public Integer call() {
        VerifyReport report;
        try (Vessel vessel = openForReading()) {
            report = vessel.image().verify();
        }
        if (json) {
            ObjectNode node = object();
            node.put("ok", report.ok());
            node.put("records", report.records());
            node.put("objects", report.objects());
            ArrayNode problems = node.putArray("problems");
            report.problems().forEach(problems::add);
            ArrayNode recovery = node.putArray("recovery");
            report.recovery().lines().forEach(recovery::add);
            printJson(node);
        } else if (report.ok()) {
            out().printf("ok: %d records, %d objects%n", report.records(), report.objects());
        } else {
            report.problems().forEach(problem -> out().println("problem: " + problem));
        }
        out().flush();
        if (report.ok()) {
            return 0;
        }
        err().println("batos: verify failed: " + report.problems().size() + " problem(s) in " + image);
        return ImageException.Code.VERIFY_FAILED.exitCode();
    }
}
