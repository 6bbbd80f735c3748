package io.batos.cli;

import io.batos.kernel.Flywheel;
import io.batos.kernel.Vessel;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos dataset export ID --out FILE [--accepted-only]}: the dataset as JSONL in chat format,
 * every line checked against {@code schemas/chat-example.json}; rejected examples never, pending
 * ones unless {@code --accepted-only}. The file appears whole or not at all. Read-only on the image.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a dataset as chat-format JSONL.")
final class DatasetExportCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "the dataset's id")
    String id;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the JSONL file to write")
    Path out;

    @Option(names = "--accepted-only", description = "only accepted and edited examples (default: all but rejected)")
    boolean acceptedOnly;

    @Override
    public Integer call() {
        Flywheel.Export export;
        try (Vessel vessel = openForReading()) {
            export = vessel.flywheel().export(id, out, acceptedOnly);
        }
        if (json) {
            var node = object();
            node.put("file", export.file().toString());
            node.put("examples", export.examples());
            node.put("left", export.left());
            printJson(node);
        } else {
            out().println("wrote " + export.examples() + " examples to " + export.file()
                    + (export.left() > 0 ? " (" + export.left() + " left out)" : ""));
            out().flush();
        }
        return 0;
    }
}
