package io.batos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import io.batos.memory.flywheel.Dataset;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code batos dataset list}: every curated dataset, oldest first, with how its examples are
 * reviewed. Read-only. {@code --json}: an array of {@code {id, missionType, created, size, pending,
 * accepted, rejected, edited}}.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the curated datasets.")
final class DatasetListCommand extends ImageCommand {
    @Override
    public Integer call() {
        List<Dataset> datasets;
        try (Vessel vessel = openForReading()) {
            datasets = vessel.flywheel().datasets();
        }
        if (json) {
            ArrayNode array = array();
            datasets.forEach(d -> array.add(ValueJson.MAPPER.valueToTree(d.summary())));
            printJson(array);
            return 0;
        }
        if (datasets.isEmpty()) {
            out().println("no datasets yet (ALFRED curates one when a mission type has enough new successes)");
        }
        for (Dataset d : datasets) {
            var s = d.summary();
            out().println("dataset " + d.id() + "  " + d.missionType() + "  " + d.created() + "  " + s.get("size")
                    + " examples: " + s.get("pending") + " pending, " + s.get("accepted") + " accepted, "
                    + s.get("edited") + " edited, " + s.get("rejected") + " rejected");
        }
        out().flush();
        return 0;
    }
}
