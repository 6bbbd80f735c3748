package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.PackReport;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code batos image pack}: collapses old history into one record and drops objects unreachable
 * from the lobby.
 *
 * <p>Without {@code --keep-after} it keeps no history at all (the bound is the last transaction):
 * packing is asked for to reclaim space, and undo beyond the bound is what it gives up.
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = "Fold old history into one record and drop unreachable objects.")
final class ImagePackCommand extends ImageCommand {
    @Option(names = "--keep-after", paramLabel = "TXID",
            description = "keep the transactions after this one browsable and undoable (default: the last, keeping none)")
    Long keepAfter;

    @Override
    public Integer call() {
        PackReport report;
        try (Vessel vessel = openForWriting()) {
            long bound = keepAfter == null ? vessel.image().lastTx() : keepAfter;
            report = vessel.image().pack(bound);
        }
        if (json) {
            ObjectNode node = object();
            node.put("bound", report.bound());
            node.put("removedObjects", report.removedObjects());
            node.put("removedRecords", report.removedRecords());
            node.put("bytesBefore", report.bytesBefore());
            node.put("bytesAfter", report.bytesAfter());
            printJson(node);
        } else {
            out().printf("packed history up to tx %d: %d records folded, %d objects removed, log %d -> %d bytes%n",
                    report.bound(), report.removedRecords(), report.removedObjects(), report.bytesBefore(),
                    report.bytesAfter());
        }
        return 0;
    }
}
