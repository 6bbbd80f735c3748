package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageInfo;
import io.batos.kernel.Vessel;
import io.batos.object.Genesis;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code batos image info}: the image's figures — objects, transactions, last transaction, log and
 * blob sizes, genesis level. Read-only: it never commits.
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe an image.")
final class ImageInfoCommand extends ImageCommand {
    @Override
    public Integer call() {
        try (Vessel vessel = openForReading()) {
            if (json) {
                printJson(describe(vessel));
            } else {
                printLines(out(), vessel);
            }
        }
        return 0;
    }

    /** The §12 JSON form: at least objects, transactions, lastTx and logBytes. */
    static ObjectNode describe(Vessel vessel) {
        ImageInfo info = vessel.image().info();
        ObjectNode node = object();
        node.put("path", info.path());
        node.put("objects", info.objects());
        node.put("transactions", info.transactions());
        node.put("lastTx", info.lastTx());
        node.put("logBytes", info.logBytes());
        node.put("blobs", info.blobs());
        node.put("blobBytes", info.blobBytes());
        node.put("genesis", Genesis.level(vessel.image()));
        return node;
    }

    /** The same figures as aligned lines for people. */
    static void printLines(PrintWriter out, Vessel vessel) {
        ImageInfo info = vessel.image().info();
        out.printf("image         %s%n", info.path());
        out.printf("objects       %d%n", info.objects());
        out.printf("transactions  %d%n", info.transactions());
        out.printf("last tx       %d%n", info.lastTx());
        out.printf("log           %d bytes%n", info.logBytes());
        out.printf("blobs         %d (%d bytes)%n", info.blobs(), info.blobBytes());
        out.printf("genesis       %d%n", Genesis.level(vessel.image()));
        out.flush();
    }
}
