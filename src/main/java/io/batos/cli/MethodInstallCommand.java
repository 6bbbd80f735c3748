package io.batos.cli;

import io.batos.image.ImageException;
import io.batos.kernel.MethodInstaller;
import io.batos.kernel.Vessel;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos method install TARGET SELECTOR --file FILE}: guardian, compiler and sandbox, then
 * one transaction writing the slot.
 *
 * <p>A refusal exits 4 with every finding and leaves the image exactly as it was.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install a method from a file (exit 4 and the findings when refused; nothing written).")
final class MethodInstallCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "the object: lobby, lobby.path or @OID")
    String target;

    @Parameters(index = "1", paramLabel = "SELECTOR", description = "the method's name")
    String selector;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the method's source")
    Path file;

    @Override
    public Integer call() {
        String source = GuardianCheckCommand.read(file);
        try (Vessel vessel = openForWriting()) {
            MethodInstaller.Result result = vessel.installer().install(target, selector, source, ORIGIN);
            if (!result.installed()) {
                GuardianCheckCommand.print(json ? out() : err(), file.toString(), result.verdict(), json);
                return ImageException.Code.REJECTED.exitCode();
            }
            if (json) {
                var node = object();
                node.put("oid", result.oid());
                node.put("txId", result.txId());
                node.set("verdict", io.batos.kernel.VerdictJson.toJson(result.verdict()));
                printJson(node);
            } else {
                result.verdict().findings().forEach(f -> err().println(file + ":" + f));
                out().println("installed " + target + "." + selector + " (tx " + result.txId() + ")");
            }
            return 0;
        }
    }
}
