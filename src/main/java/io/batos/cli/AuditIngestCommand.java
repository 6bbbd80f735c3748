package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.kernel.Vessel;
import io.batos.memory.IngestResult;
import picocli.CommandLine.Command;

/**
 * {@code batos audit ingest}: ALFRED's ingestion of the audit log into the knowledge catalog, once,
 * now (the autotelic loop does the same on a schedule in long-running processes).
 *
 * <p>Prints how many events and cycles it took in ({@code {"events": N, "cycles": M}} with
 * {@code --json}); anomalies it met (a missing archive, a torn line) go to stderr. Nothing new
 * means nothing committed. Ingestion commits the documents and the cursor together and then
 * rotates the log, so running it again, or after a crash, never takes an event twice.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest the audit log into the knowledge catalog, then rotate it.")
final class AuditIngestCommand extends ImageCommand {
    @Override
    public Integer call() {
        IngestResult result;
        try (Vessel vessel = openForWriting()) {
            result = vessel.memory().ingest();
        }
        result.warnings().forEach(w -> err().println("warning: " + w));
        err().flush();
        if (json) {
            ObjectNode node = object();
            node.put("events", result.events());
            node.put("cycles", result.cycles());
            node.put("newDocuments", result.newDocuments());
            node.put("skippedLines", result.skipped());
            node.put("generation", result.cursor().generation());
            node.put("offset", result.cursor().offset());
            if (result.rotation() == null) {
                node.putNull("rotatedGeneration");
            } else {
                node.put("rotatedGeneration", result.rotation().archivedGeneration());
            }
            printJson(node);
        } else {
            out().println("ingested " + result.events() + " events of " + result.cycles() + " cycles ("
                    + result.newDocuments() + " new documents" + (result.skipped() > 0
                    ? ", " + result.skipped() + " unreadable lines skipped" : "") + ")"
                    + (result.rotation() == null ? "" : "; rotated generation "
                    + result.rotation().archivedGeneration() + " to " + result.rotation().archive().getFileName()));
            out().flush();
        }
        return 0;
    }
}
