package io.batos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.kernel.SendScope;
import io.batos.kernel.Targets;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos send TARGET SELECTOR [ARG_JSON…]}: sends one message and prints its answer as JSON.
 *
 * <p>The send runs in one transaction, committed when it returns and aborted when it throws, and
 * is never rerun on a conflict (a method may have acted outside the image; exit 5 instead). A
 * message nobody understands exits 3. Arguments are JSON, so a bare word is a usage error (exit 2)
 * rather than a guess at what was meant.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send a message and print the answer as JSON.",
                "Arguments are JSON values (strings need quotes: '\"hi\"')."})
final class SendCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "the receiver: lobby, lobby.path.to.object or @OID")
    String target;

    @Parameters(index = "1", paramLabel = "SELECTOR", description = "the message name")
    String selector;

    @Parameters(index = "2..*", paramLabel = "ARG_JSON", description = "the arguments, each one JSON value")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--approve",
            description = "pre-approve the cognitive cycles this send starts, corrective ones included (DESIGN §8)")
    boolean approve;

    @Override
    public Integer call() {
        Object[] args = new Object[arguments.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = parseValue("argument " + (i + 1), arguments.get(i));
        }
        Committed<JsonNode> done;
        try (Vessel vessel = openForWriting()) {
            // The command line cannot show a verdict queue: cycles it starts run only if approved up front.
            done = new SendScope(approve, false).run(() -> commit(vessel, "send " + target + " " + selector, ONCE,
                    tx -> {
                        Object answer = Targets.resolve(vessel.space(), tx, target).send(selector, args);
                        // Encoded inside the transaction: the answer may be a container only it can read.
                        return ValueJson.toJson(answer);
                    }));
        }
        printJson(done.value());
        return 0;
    }
}
