package io.batos.cli;

import io.batos.kernel.ModelCore;
import io.batos.kernel.ModelImporter;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;

/**
 * {@code batos model demo}: gives the image the demo core — the scripted fixture model, whose
 * answers are fixed texts for a handful of key words — so the whole loop can be tried on a fresh
 * machine without downloading a model. It is labelled as a demo wherever the model is named.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Give the image the demo core: a scripted fixture model, not a language model.",
                "It answers fixed texts for a few key words (hello, fibonacci, factorial, prime)."})
final class ModelDemoCommand extends ImageCommand {
    @Override
    public Integer call() {
        try (Vessel vessel = openForWriting()) {
            ModelImporter importer = new ModelImporter(vessel);
            ModelCore core = importer.importDemo(ModelImporter.Progress.NONE);
            printTx("the image's cognitive core is now the " + core.name()
                    + " (a scripted fixture, not a language model)", importer.recordedTx());
        }
        return 0;
    }
}
