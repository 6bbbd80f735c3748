package io.batos.cli;

import io.batos.kernel.ModelCore;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos model connect URL}: makes an OpenAI-compatible server (llama.cpp, vLLM, Ollama) the
 * image's cognitive core. The API key comes from {@code BATOS_API_KEY} or the user's config at each
 * use and never enters the image.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Use a running OpenAI-compatible server (llama.cpp, vLLM, Ollama) as the cognitive core.",
                "The API key, if the server needs one, comes from BATOS_API_KEY or ~/.config/batos/api-keys.conf (host:port = key)."})
final class ModelConnectCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "URL", description = "the server's base URL, e.g. http://127.0.0.1:8080/v1")
    String url;

    @Option(names = "--model", paramLabel = "NAME", description = "the model to ask for (default: the server's)")
    String model;

    @Override
    public Integer call() {
        try (Vessel vessel = openForWriting()) {
            ModelCore core = new io.batos.kernel.ModelImporter(vessel).connect(url, model);
            printTx("connected to " + core.url(), vessel.image().info().lastTx());
        }
        return 0;
    }
}
