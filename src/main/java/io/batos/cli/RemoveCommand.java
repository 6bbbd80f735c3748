package io.batos.cli;

import io.batos.image.ImageException;
import io.batos.kernel.Targets;
import io.batos.kernel.Vessel;
import io.batos.object.UvmObject;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code batos remove TARGET SLOT}: removes one of an object's own slots, in one transaction.
 *
 * <p>Only own slots: removing an inherited one would change every other child of its holder, so
 * the refusal (exit 8) names the holder instead.
 */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an own slot of an object.")
final class RemoveCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "lobby, lobby.path.to.object or @OID")
    String target;

    @Parameters(index = "1", paramLabel = "SLOT", description = "the slot to remove")
    String slot;

    @Override
    public Integer call() {
        Committed<Void> done;
        try (Vessel vessel = openForWriting()) {
            done = commit(vessel, "remove " + target + "." + slot, RETRY, tx -> {
                UvmObject object = Targets.resolve(vessel.space(), tx, target);
                if (!object.hasOwn(slot)) {
                    Optional<UvmObject> holder = object.holderOf(slot);
                    throw new ImageException(ImageException.Code.NOT_FOUND, "no slot '" + slot + "' in " + target
                            + holder.map(h -> " (it is inherited from " + h + "; remove it there)").orElse(""));
                }
                object.remove(slot);
                return null;
            });
        }
        printTx("removed " + target + "." + slot, done.txId());
        return 0;
    }
}
