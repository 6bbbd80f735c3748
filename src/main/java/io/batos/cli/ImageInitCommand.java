package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.LivingImage;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;

/**
 * {@code batos image init}: creates an image, the only command that does (§12).
 *
 * <p>On an existing image it is a no-op that says so and succeeds, so scripts can run it
 * unconditionally; it still brings an older image up to this build's genesis, as any write does.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create an image (says so and succeeds when one already exists).")
final class ImageInitCommand extends ImageCommand {
    @Override
    public Integer call() {
        try (Vessel vessel = noted(Vessel.open(image, LivingImage.OpenMode.CREATE, new RebuildProgress(err())))) {
            boolean created = vessel.image().openReport().created();
            if (json) {
                ObjectNode result = object();
                result.put("path", image.toString());
                result.put("created", created);
                result.put("lastTx", vessel.image().lastTx());
                printJson(result);
            } else {
                out().println((created ? "created image at " : "image already exists at ") + image);
            }
        }
        return 0;
    }
}
