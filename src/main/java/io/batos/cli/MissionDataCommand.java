package io.batos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.cognition.psm.ApprovalPolicy;
import io.batos.cognition.psm.Codex;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.MissionBrief;
import io.batos.image.ImageException;
import io.batos.image.Transaction;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batos mission data --covenant NAME "description"}: a data mission — the personas produce
 * a JSON object that satisfies the covenant, ALFRED validates it (correcting up to the codex's
 * depth), and it is committed as an object under that covenant.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Have the personas produce an object that satisfies a data covenant.")
final class MissionDataCommand extends ImageCommand {
    @Option(names = "--covenant", required = true, paramLabel = "NAME", description = "the covenant in ALFRED's codex")
    String covenant;

    @Parameters(index = "0", paramLabel = "DESCRIPTION", description = "what the object should be")
    String description;

    @Option(names = "--approve", description = "pre-approve the cycles this mission starts, corrective ones included")
    boolean approve;

    @Override
    public Integer call() {
        try (Vessel vessel = openForWriting()) {
            try (Transaction tx = vessel.image().begin("check covenant", ORIGIN)) {
                if (Codex.covenant(vessel.space().lobby(tx), covenant).isEmpty()) {
                    throw new ImageException(ImageException.Code.NOT_FOUND, "no covenant named " + covenant
                            + " in ALFRED's codex");
                }
            }
            if (!vessel.cognitiveCore().available()) {
                throw new ImageException(ImageException.Code.NOT_UNDERSTOOD, "no cognitive core: `batos model import"
                        + " DIR`, `batos model connect URL` or `batos model demo`");
            }
            if (!approve && vessel.orchestrator().policy() != ApprovalPolicy.NEVER) {
                throw new ImageException(ImageException.Code.NEEDS_APPROVAL,
                        "needs approval: a data mission commits what it makes; use --approve or the workbench");
            }
            CycleOutcome outcome = vessel.orchestrator().produce(MissionBrief.data(covenant, description), approve)
                    .join();
            if (!outcome.complete()) {
                throw new ImageException(ImageException.Code.REJECTED, "the mission failed: " + outcome.reason()
                        + (outcome.findings().isEmpty() ? "" : "; " + String.join(" | ", outcome.findings())));
            }
            ObjectNode node = object();
            node.put("cycleId", outcome.cycleId());
            node.put("oid", outcome.resultOid());
            node.put("txId", outcome.txId());
            node.set("value", ValueJson.MAPPER.readTree(outcome.artifact()));
            printJson(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImageException(ImageException.Code.ERROR, "the mission's answer is not JSON: " + e.getOriginalMessage());
        }
        return 0;
    }
}
