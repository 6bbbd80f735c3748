package io.batos.kernel;

import io.batos.code.MethodRuntime;
import io.batos.cognition.psm.ApprovalPolicy;
import io.batos.cognition.psm.CognitiveCycle;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.MissionBrief;
import io.batos.cognition.psm.Orchestrator;
import io.batos.image.ImageException;
import io.batos.image.MethodSource;
import io.batos.image.Primitive;
import io.batos.object.DoesNotUnderstandException;
import io.batos.object.DoesNotUnderstandHandler;
import io.batos.object.Message;
import io.batos.object.UvmObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default {@code doesNotUnderstand}: a miss becomes a {@link MissionBrief}, a cognitive cycle
 * writes the method, and the waiting send adopts the committed slot and retries (DESIGN §4).
 *
 * <p>The send waits on the cycle's future on its own thread — never the FX thread, which the
 * kernel's guard keeps away — and the wait does not count against its time budget. With no
 * cognitive core it fails at once (exit 3); under the policy {@code always} a caller that neither
 * approved up front nor can show a verdict queue is refused before any cycle starts (exit 7). In
 * both cases nothing is written.
 */
final class CognitiveDoesNotUnderstand implements DoesNotUnderstandHandler {
    static final String NO_CORE = "no cognitive core: `batos model import DIR`, `batos model connect URL` or"
            + " `batos model demo`";
    private static final int SLOTS_SUMMARY_CHARS = 2_000;

    private final CognitiveCore core;
    private final Orchestrator orchestrator;

    CognitiveDoesNotUnderstand(CognitiveCore core, Orchestrator orchestrator) {
        this.core = core;
        this.orchestrator = orchestrator;
    }

    @Override
    public Object doesNotUnderstand(Message message) {
        if (!core.available()) {
            throw new DoesNotUnderstandException(message, NO_CORE);
        }
        SendScope scope = SendScope.current();
        if (!scope.preApproved() && !scope.canPark() && orchestrator.policy() != ApprovalPolicy.NEVER) {
            throw new ImageException(ImageException.Code.NEEDS_APPROVAL, "needs approval: '" + message.selector()
                    + "' is not understood and a cycle would write it; use --approve or the workbench");
        }
        UvmObject receiver = message.receiver();
        MissionBrief brief = MissionBrief.method(receiver.oid(), message.selector(),
                ValueJson.toJson(new ArrayList<>(message.arguments())).toString(), slots(receiver),
                inherited(receiver), null);
        CognitiveCycle cycle = orchestrator.teachCycle(brief, message.arguments(), scope.preApproved());
        try {
            scope.onCycle().accept(cycle.id());
        } catch (RuntimeException e) {
            // A watcher that fails must not fail the send: the cycle runs whoever watches.
        }
        CycleOutcome outcome = MethodRuntime.waitOutsideBudget(cycle.outcome());
        if (!outcome.complete()) {
            throw new DoesNotUnderstandException(message, "cycle " + outcome.cycleId() + " failed: " + outcome.reason()
                    + (outcome.findings().isEmpty() ? "" : "; findings: " + String.join(" | ", outcome.findings())),
                    outcome.cycleId(), outcome.findings());
        }
        // The cycle committed the slot in its own transaction; this one has not written it, so it
        // may adopt it and send again.
        receiver.transaction().refresh(receiver.oid(), message.selector());
        return receiver.send(message.selector(), message.arguments().toArray());
    }

    private static String slots(UvmObject receiver) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String slot : receiver.slotNames()) {
            Object value = receiver.get(slot);
            if (!(value instanceof MethodSource) && !(value instanceof Primitive) && !slot.equals("parents")) {
                data.put(slot, value);
            }
        }
        String json = ValueJson.toJson(data).toString();
        return json.length() <= SLOTS_SUMMARY_CHARS ? json : json.substring(0, SLOTS_SUMMARY_CHARS) + "…";
    }

    private static List<String> inherited(UvmObject receiver) {
        Set<String> selectors = new LinkedHashSet<>();
        collect(receiver, selectors, new java.util.HashSet<>());
        return new ArrayList<>(selectors);
    }

    private static void collect(UvmObject object, Set<String> into, Set<Long> seen) {
        if (!seen.add(object.oid()) || seen.size() > 64) {
            return;
        }
        for (String slot : object.slotNames()) {
            Object value = object.get(slot);
            if (value instanceof MethodSource || value instanceof Primitive) {
                into.add(slot);
            }
        }
        for (UvmObject parent : object.parents()) {
            collect(parent, into, seen);
        }
    }
}
