package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code batos image undo TXID}: undoes a transaction with a new one that restores the states
 * before it.
 *
 * <p>History is never rewritten: the undo is itself a transaction, so it can be undone too. The
 * image refuses (exit 4) when a later transaction changed the same objects, rather than silently
 * losing that later work.
 */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Undo a transaction with a new one (refused, exit 4, when later ones changed the same objects).")
final class ImageUndoCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TXID", description = "the transaction to undo")
    long undone;

    @Override
    public Integer call() {
        long txId;
        try (Vessel vessel = openForWriting()) {
            txId = vessel.image().undo(undone);
        }
        if (json) {
            ObjectNode node = object();
            node.put("undoneTx", undone);
            node.put("txId", txId);
            printJson(node);
        } else {
            out().println("undid tx " + undone + " (tx " + txId + ")");
        }
        return 0;
    }
}
