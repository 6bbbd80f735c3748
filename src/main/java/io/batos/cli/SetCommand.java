package io.batos.cli;

import io.batos.kernel.Targets;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code batos set TARGET SLOT JSON}: sets one slot of one object, in one transaction.
 *
 * <p>The value is parsed before the image is even opened, so malformed JSON (exit 2) leaves the
 * image untouched; a value the image cannot persist is refused by the image itself (also exit 2)
 * and nothing is written.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = {"Set a slot of an object to a JSON value.",
                "Tagged forms: {\"$ref\": OID}, {\"$decimal\": \"1.10\"}, {\"$bytes\": BASE64}, "
                        + "{\"$blob\": {\"sha256\", \"size\"}}, {\"$method\": SOURCE}, {\"$primitive\": NAME}."})
final class SetCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "lobby, lobby.path.to.object or @OID")
    String target;

    @Parameters(index = "1", paramLabel = "SLOT", description = "the slot to set (on TARGET itself, never a parent)")
    String slot;

    @Parameters(index = "2", paramLabel = "JSON", description = "the value, as JSON (strings need quotes: '\"hi\"')")
    String value;

    @Override
    public Integer call() {
        Object parsed = parseValue("value for '" + slot + "'", value);
        requirePersistentSlot(slot);
        Committed<Void> done;
        try (Vessel vessel = openForWriting()) {
            done = commit(vessel, "set " + target + "." + slot, RETRY, tx -> {
                Targets.resolve(vessel.space(), tx, target).set(slot, parsed);
                return null;
            });
        }
        printTx("set " + target + "." + slot, done.txId());
        return 0;
    }
}
