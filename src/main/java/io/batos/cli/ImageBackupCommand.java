package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.BackupReport;
import io.batos.kernel.Vessel;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code batos image backup DEST}: writes a consistent copy of the image — the log up to one
 * transaction and the blobs it references — into a new image directory.
 *
 * <p>It opens the source read-only: a backup must copy the image as it is, so it never applies
 * genesis steps or commits anything first.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the image consistently into DEST (a new image directory).")
final class ImageBackupCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "DEST", description = "the directory for the copy (must hold no image)")
    Path destination;

    @Override
    public Integer call() {
        BackupReport report;
        try (Vessel vessel = openForReading()) {
            report = vessel.image().backup(destination);
        }
        if (json) {
            ObjectNode node = object();
            node.put("destination", report.destination().toString());
            node.put("lastTx", report.lastTx());
            node.put("logBytes", report.logBytes());
            node.put("blobs", report.blobs());
            printJson(node);
        } else {
            out().printf("backed up tx %d to %s (%d bytes of log, %d blobs)%n", report.lastTx(),
                    report.destination(), report.logBytes(), report.blobs());
        }
        return 0;
    }
}
