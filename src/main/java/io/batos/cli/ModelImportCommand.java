package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.kernel.ModelCore;
import io.batos.kernel.ModelImporter;
import io.batos.kernel.Vessel;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos model import DIR}: streams an exported model directory into the image's blobs and
 * records it as the cognitive core, after checking that it loads and runs.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an ONNX model directory (model.onnx, tokenizer.json, configs, adapters/) into the image.")
final class ModelImportCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "the exported model directory")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "the name views show (default: the directory's name)")
    String name;

    @Override
    public Integer call() {
        try (Vessel vessel = openForWriting()) {
            ModelCore core = new ModelImporter(vessel).importDirectory(dir, name, (file, bytes, i, n) -> {
                err().printf("storing %s (%s) [%d/%d]%n", file, ModelJson.bytes(bytes), i, n);
                err().flush();
            });
            long txId = vessel.image().info().lastTx();
            if (json) {
                ObjectNode node = ModelJson.describe(core);
                node.put("txId", txId);
                printJson(node);
            } else {
                out().printf("imported %s: %d files, %s (tx %d)%n", core.name(), core.files().size(),
                        ModelJson.bytes(core.bytes()), txId);
                out().flush();
            }
        }
        return 0;
    }
}
