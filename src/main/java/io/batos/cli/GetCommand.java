package io.batos.cli;

import io.batos.image.ImageException;
import io.batos.image.Transaction;
import io.batos.kernel.Targets;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import io.batos.object.UvmObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos get TARGET [SLOT]}: prints an object, or one slot's value as lookup finds it, as
 * JSON — always, since values only round-trip exactly in their tagged JSON forms (§12).
 *
 * <p>Read-only: it reads in a transaction that is always aborted, so it never commits.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Print an object, or the value of one of its slots (found through parents), as JSON.",
                "TARGET is lobby, a dotted path from it (lobby.accounts.main) or @OID."})
final class GetCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "lobby, lobby.path.to.object or @OID")
    String target;

    @Parameters(index = "1", paramLabel = "SLOT", arity = "0..1", description = "print only this slot's value")
    String slot;

    @Option(names = "--inherited", description = "also print slots found through parents, each with its holder")
    boolean inherited;

    @Override
    public Integer call() {
        try (Vessel vessel = openForReading(); Transaction tx = vessel.image().begin("get " + target, ORIGIN)) {
            UvmObject object = Targets.resolve(vessel.space(), tx, target);
            if (slot == null) {
                printJson(ObjectJson.describe(object, inherited));
            } else {
                if (object.holderOf(slot).isEmpty()) {
                    throw new ImageException(ImageException.Code.NOT_FOUND, "no slot '" + slot + "' in " + target);
                }
                printJson(ValueJson.toJson(object.get(slot)));
            }
        }
        return 0;
    }
}
