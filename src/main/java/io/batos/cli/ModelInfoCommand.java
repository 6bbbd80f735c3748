package io.batos.cli;

import io.batos.image.ImageException;
import io.batos.image.Transaction;
import io.batos.kernel.ModelCore;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;

/** {@code batos model info}: what cognitive core the image holds. Read-only: it never commits. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe the image's cognitive core.")
final class ModelInfoCommand extends ImageCommand {
    @Override
    public Integer call() {
        try (Vessel vessel = openForReading(); Transaction tx = vessel.image().begin("model info", ORIGIN)) {
            ModelCore core = ModelCore.read(vessel.space(), tx).orElseThrow(() -> new ImageException(
                    ImageException.Code.NOT_FOUND, "this image has no cognitive core (import a model with"
                    + " `batos model import DIR`, connect a server with `batos model connect URL`, or try"
                    + " `batos model demo`)"));
            if (json) {
                printJson(ModelJson.describe(core));
            } else {
                ModelJson.printLines(out(), core);
            }
        }
        return 0;
    }
}
