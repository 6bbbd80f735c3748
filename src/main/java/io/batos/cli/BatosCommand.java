package io.batos.cli;

import io.batos.image.LivingImage;
import io.batos.kernel.Vessel;
import io.batos.workbench.Workbench;
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
 * besides {@code image init} that creates, and it is the workbench's door: with a display it opens
 * the workbench; headless ({@code java.awt.headless=true}, or no DISPLAY/WAYLAND_DISPLAY) it
 * prints the image's figures, so scripts, tests and CI keep working.
 */
@Command(name = "batos", mixinStandardHelpOptions = true, versionProvider = BatosCommand.Version.class,
        description = {"BAT OS Workbench: a living image of prototype objects.",
                "Without a command, opens the workbench on ./live_image (or --image PATH), creating it when missing;",
                "without a display it describes the image instead."},
        subcommands = {ImageGroup.class, GetCommand.class, SetCommand.class, RemoveCommand.class,
                SendCommand.class, CloneCommand.class, EvalCommand.class, MethodGroup.class, GuardianGroup.class,
                DataGroup.class, ModelGroup.class, GenerateCommand.class, BenchGroup.class, MissionGroup.class,
                AuditGroup.class, MemoryGroup.class, MetacognitionGroup.class, DatasetGroup.class, ServeCommand.class, ClientCommand.class, KeysGroup.class, SoakCommand.class,
                CommandLine.HelpCommand.class})
final class BatosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--image", paramLabel = "PATH",
            description = "the image directory (default: ${DEFAULT-VALUE}; created when missing)")
    Path image = Path.of(ImageCommand.DEFAULT_IMAGE);

    @Override
    public Integer call() {
        String noDisplay = whyNoDisplay();
        if (noDisplay == null) {
            return openWorkbench(image);
        }
        spec.commandLine().getErr().println("batos: " + noDisplay + "; describing the image instead of opening the workbench");
        return describe(image);
    }

    /**
     * Why the workbench cannot open here, or null when it can: {@code java.awt.headless=true}, or no
     * {@code DISPLAY}/{@code WAYLAND_DISPLAY} (unless JavaFX runs on Monocle, which needs none).
     */
    static String whyNoDisplay() {
        if (Boolean.getBoolean("java.awt.headless")) {
            return "java.awt.headless is set";
        }
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return null;
        }
        if (isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))) {
            return "no display (DISPLAY and WAYLAND_DISPLAY are unset)";
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Starts the workbench and returns when its window has closed. */
    private int openWorkbench(Path dir) {
        Workbench.launch(dir);
        return 0;
    }

    /** The pre-workbench behaviour: open (creating) the image and print its figures. */
    private int describe(Path dir) {
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
