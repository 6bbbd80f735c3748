package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.kernel.Targets;
import io.batos.kernel.Vessel;
import io.batos.object.UvmObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code batos clone TARGET NAME}: Io-style cloning — a new, empty object whose parent is TARGET,
 * stored in TARGET's slot NAME — printed as {@code {"oid", "txId"}}.
 *
 * <p>Always JSON ({@code --json} is accepted), because the new oid is the answer a script needs
 * next. Storing the clone in a slot keeps it reachable, so pack never collects it.
 */
@Command(name = "clone", mixinStandardHelpOptions = true,
        description = "Make a new object whose parent is TARGET and store it in TARGET's slot NAME.")
final class CloneCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "the prototype: lobby, lobby.path.to.object or @OID")
    String target;

    @Parameters(index = "1", paramLabel = "NAME", description = "the slot of TARGET that will hold the clone")
    String name;

    @Override
    public Integer call() {
        requirePersistentSlot(name);
        Committed<Long> done;
        try (Vessel vessel = openForWriting()) {
            done = commit(vessel, "clone " + target + " as " + name, RETRY, tx -> {
                UvmObject prototype = Targets.resolve(vessel.space(), tx, target);
                UvmObject clone = prototype.clone();
                prototype.set(name, clone);
                return clone.oid();
            });
        }
        ObjectNode node = object();
        node.put("oid", done.value());
        node.put("txId", done.txId());
        printJson(node);
        return 0;
    }
}
