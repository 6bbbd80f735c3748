package io.batos.cli;

import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import io.batos.memory.flywheel.ChatExample;
import io.batos.memory.flywheel.Dataset;
import io.batos.memory.flywheel.DatasetExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code batos dataset show ID}: one dataset, each example with its review status, provenance (the
 * cycles it came from) and messages (the edited version when edited). Read-only; an unknown id is
 * {@code not-found} (exit 8).
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dataset's examples.")
final class DatasetShowCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the dataset's id")
    String id;

    @Override
    public Integer call() {
        Dataset dataset;
        try (Vessel vessel = openForReading()) {
            dataset = vessel.flywheel().dataset(id);
        }
        if (json) {
            printJson(ValueJson.MAPPER.valueToTree(dataset.toMap()));
            return 0;
        }
        out().println("dataset " + dataset.id() + " (" + dataset.missionType() + ", " + dataset.created() + "): "
                + dataset.examples().size() + " examples");
        for (DatasetExample e : dataset.examples()) {
            out().println();
            out().println("example " + e.number() + " [" + e.status().word() + (e.edited() != null ? ", edited" : "")
                    + "] " + e.selector() + " from cycles " + String.join(", ", e.cycles()));
            if (e.effective() != null) {
                for (ChatExample.Turn turn : e.effective().messages()) {
                    out().println("  " + turn.role() + ":");
                    turn.content().lines().forEach(line -> out().println("    " + line));
                }
            }
        }
        out().flush();
        return 0;
    }
}
