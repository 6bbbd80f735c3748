package io.batos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageException;
import io.batos.kernel.Vessel;
import io.batos.memory.Hit;
import io.batos.memory.MemorySearch;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos memory search QUERY}: the cycles of the knowledge catalog that best match a Lucene
 * query, best first.
 *
 * <p>Read-only on the image (§12): it opens the image for reading and never commits; the search
 * index under {@code vessel/} is derived data, so catching it up or rebuilding it is allowed. The
 * query's syntax is checked before anything is opened (exit 2, one line). With {@code --json} the
 * hits are one JSON array of {@code {cycleId, score, outcome, selector, snippet}}; without it, one
 * line per hit.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search past cognitive cycles with Lucene query syntax, e.g.",
                "  'fibonacci', 'outcome:FAILED AND persona:BRICK', 'selector:fib*', 'rule:sandbox'.",
                "Fields: text (default), prompt, response, finding, note, event_type, persona, state, outcome,",
                "mission_type, selector, rule, severity, cycle_id, parent_cycle, date, started, ended."})
final class MemorySearchCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "QUERY", description = "a Lucene query")
    String query;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "at most N hits (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ImageException(ImageException.Code.USAGE, "--limit must be at least 1, not " + limit);
        }
        MemorySearch.checkSyntax(query);
        List<Hit> hits;
        try (Vessel vessel = openForReading()) {
            hits = vessel.memory().search().search(query, limit);
        }
        if (json) {
            ArrayNode array = array();
            for (Hit hit : hits) {
                ObjectNode node = array.addObject();
                node.put("cycleId", hit.cycleId());
                node.put("score", hit.score());
                node.put("outcome", hit.outcome());
                node.put("selector", hit.selector());
                node.put("snippet", hit.snippet());
            }
            printJson(array);
        } else {
            if (hits.isEmpty()) {
                out().println("no cycle matches");
            }
            for (Hit hit : hits) {
                out().printf("%s  %7.3f  %-8s  %-20s  %s%n", hit.cycleId(), hit.score(),
                        hit.outcome() == null ? "-" : hit.outcome(), hit.selector() == null ? "-" : hit.selector(),
                        hit.snippet());
            }
            out().flush();
        }
        return 0;
    }
}
