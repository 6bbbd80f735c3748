package io.batos.cli;

import io.batos.image.LivingImage;
import io.batos.kernel.Vessel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code batos}: names the subcommands and, given none, opens (or creates)
 * {@code ./live_image} and describes it.
 *
 * <p>Why the bare command creates: {@code java -jar target/batos.jar} is the README's "run" step,
 * and a first-time user should see a living image rather than an error. It is the one place
 * besides {@code image init} that creates, and it will become the workbench's door later.
 */
@Command(name = "batos", mixinStandardHelpOptions = true, versionProvider = BatosCommand.Version.class,
        description = {"BAT OS Workbench: a living image of prototype objects.",
                "Without a command, opens ./live_image (creating it when missing) and describes it."},
        subcommands = {ImageGroup.class, GetCommand.class, SetCommand.class, RemoveCommand.class,
                SendCommand.class, CloneCommand.class, EvalCommand.class, MethodGroup.class, GuardianGroup.class,
                CommandLine.HelpCommand.class})
final class BatosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = Path.of(ImageCommand.DEFAULT_IMAGE);
        PrintWriter out = spec.commandLine().getOut();
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE,
                new RebuildProgress(spec.commandLine().getErr()))) {
            ImageCommand.reportRecovery(vessel, spec.commandLine().getErr());
            if (vessel.image().openReport().created()) {
                spec.commandLine().getErr().println("created image at " + dir);
            }
            ImageInfoCommand.printLines(out, vessel);
        }
        return 0;
    }

    /** The build's version from the jar manifest, or a plain word when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"batos " + (version == null ? "(development build)" : version)};
        }
    }
}
