package io.batos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.kernel.SendScope;
import io.batos.kernel.Targets;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos eval TARGET 'SNIPPET'}: "do it" from the shell — the snippet is a method body with
 * {@code self} bound to TARGET, checked by the same sandbox as any method, run in one transaction.
 *
 * <p>An expression answers its value; statements answer what they return. The answer prints as
 * JSON; a snippet the compiler or sandbox refuses exits 4 with the findings.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate Java with self bound to TARGET, in one transaction; print the answer as JSON.",
                "Example: batos eval lobby '(Long) self.get(\"count\") + 1'"})
final class EvalCommand extends ImageCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "self: lobby, lobby.path or @OID")
    String target;

    @Parameters(index = "1", paramLabel = "SNIPPET", description = "an expression or statements")
    String snippet;

    @Option(names = "--approve",
            description = "pre-approve the cognitive cycles the snippet's sends start, corrective ones included")
    boolean approve;

    @Override
    public Integer call() {
        Committed<JsonNode> done;
        try (Vessel vessel = openForWriting()) {
            done = new SendScope(approve, false).run(() -> commit(vessel, "eval on " + target, ONCE,
                    tx -> ValueJson.toJson(vessel.methods().evaluate(Targets.resolve(vessel.space(), tx, target),
                            snippet))));
        }
        printJson(done.value());
        return 0;
    }
}
