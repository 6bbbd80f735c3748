package io.batos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageException;
import io.batos.image.TxInfo;
import io.batos.kernel.Vessel;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code batos image history}: the image's biography, one committed transaction per entry, oldest
 * first. Read-only.
 *
 * <p>{@code --limit N} keeps the newest N but still prints them oldest first, so the order never
 * depends on the option (§12: an array, oldest first, of {txId, time, note, origin, oids}).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List committed transactions, oldest first.")
final class ImageHistoryCommand extends ImageCommand {
    @Option(names = "--limit", paramLabel = "N", description = "only the newest N transactions")
    Integer limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new ImageException(ImageException.Code.USAGE, "--limit needs a number of 0 or more, not " + limit);
        }
        List<TxInfo> history;
        try (Vessel vessel = openForReading()) {
            history = vessel.image().history();
        }
        if (limit != null && history.size() > limit) {
            history = history.subList(history.size() - limit, history.size());
        }
        if (json) {
            ArrayNode array = array();
            history.forEach(tx -> array.add(entry(tx)));
            printJson(array);
        } else {
            history.forEach(tx -> out().printf("%6d  %s  %-8s  %s  [%s]%n", tx.txId(), tx.time(), tx.origin(),
                    tx.note(), tx.oids().stream().map(oid -> "@" + oid).collect(Collectors.joining(" "))));
            out().flush();
        }
        return 0;
    }

    static ObjectNode entry(TxInfo tx) {
        ObjectNode node = object();
        node.put("txId", tx.txId());
        node.put("time", tx.time().toString());
        node.put("note", tx.note());
        node.put("origin", tx.origin());
        ArrayNode oids = node.putArray("oids");
        tx.oids().forEach(oids::add);
        return node;
    }
}
