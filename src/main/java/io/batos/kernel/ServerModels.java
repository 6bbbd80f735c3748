package io.batos.kernel;

import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.OpenAiCompatibleModel;
import java.net.URI;

/** Connects a server model core to its endpoint, with the API key from outside the image. */
final class ServerModels {
    private ServerModels() {
    }

    static LanguageModel connect(ModelCore core) {
        URI url = URI.create(core.url());
        return OpenAiCompatibleModel.connect(url, core.model(), UserConfig.apiKey(url), core.name());
    }
}
