package io.batos.cli;

import io.batos.kernel.DemoImage;
import io.batos.kernel.Vessel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code batos image demo DIR}: creates the demo image the README tour uses — a counter, a bank
 * account with a parent trait, a greeter, their methods and some history. One of the two commands
 * besides the workbench that create an image (§12).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create the demo image (a counter, a bank account with a trait, a greeter) in DIR.")
final class ImageDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "where to create it (must not hold an image)")
    Path dir;

    @Override
    public Integer call() {
        try (Vessel vessel = DemoImage.create(dir)) {
            spec.commandLine().getOut().println("created the demo image at " + dir + " (tx "
                    + vessel.image().lastTx() + ")");
        }
        return 0;
    }
}
