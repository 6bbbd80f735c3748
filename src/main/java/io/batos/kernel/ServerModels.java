package io.batos.kernel;

import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.ModelException;

/** Connects a server model core to its endpoint, with the API key from outside the image. */
final class ServerModels {
    private ServerModels() {
    }

    static LanguageModel connect(ModelCore core) {
        throw new ModelException("server models are not wired yet");
    }
}
