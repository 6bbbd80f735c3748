package io.batos.cli;

import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.kernel.ModelCore;
import io.batos.kernel.ModelImporter;
import io.batos.kernel.Vessel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
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
    public Integer call() throws IOException {
        Path scratch = Files.createTempDirectory("batos-demo-core");
        try (Vessel vessel = openForWriting()) {
            ModelFixtures.write(ModelFixtures.Kind.SCRIPTED, scratch);
            ModelCore core = new ModelImporter(vessel).importDemo(scratch, ModelImporter.Progress.NONE);
            printTx("the image's cognitive core is now the " + core.name()
                    + " (a scripted fixture, not a language model)", vessel.image().info().lastTx());
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }
}
