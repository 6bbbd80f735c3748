package io.batos.cli;

import io.batos.cognition.llm.fixture.FixtureModel;
import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.image.ImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code batos model fixture --kind KIND --out DIR}: writes a small generated Llama-architecture
 * ONNX model with its tokenizer, to try the engine on any machine without downloading a model.
 */
@Command(name = "fixture", mixinStandardHelpOptions = true,
        description = "Write a generated Llama-architecture model directory (no download needed).")
final class ModelFixtureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "tiny-llama, tiny-llama-genai, tiny-llama-fp16, tiny-llama-external, "
                    + "tiny-llama-lora (with persona adapters), bench or scripted (the demo core)")
    String kind;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the directory to write (must be empty or new)")
    Path out;

    @Override
    public Integer call() throws IOException {
        ModelFixtures.Kind which;
        try {
            which = ModelFixtures.Kind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new ImageException(ImageException.Code.USAGE, e.getMessage());
        }
        if (Files.isDirectory(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ImageException(ImageException.Code.USAGE, out + " is not empty");
                }
            }
        } else if (Files.exists(out)) {
            throw new ImageException(ImageException.Code.USAGE, out + " is not a directory");
        }
        FixtureModel model = ModelFixtures.write(which, out);
        spec.commandLine().getOut().printf("wrote %s to %s: %s%n", which.cliName(), out,
                String.join(", ", model.files()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
