package io.batos.kernel;

import io.batos.cognition.psm.CognitiveCycle;
import io.batos.cognition.psm.CycleOutcome;
import io.batos.cognition.psm.Orchestrator;
import io.batos.cognition.psm.PsmGenesis;
import io.batos.image.ImageException;
import io.batos.image.MethodSource;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.object.UvmObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The verdict queue and the cycles behind it, as every client reads and decides them: snapshots
 * ({@link CycleInfo}), approve and reject — one code path for the workbench and the server's
 * {@code cycles}, {@code cycle}, {@code approve} and {@code reject} operations.
 *
 * <p>I am a thin layer over the vessel's {@link Orchestrator}: it owns the cycles; I turn them into
 * snapshots and wait for a decided cycle to end. A snapshot of one cycle (or of the queue) also
 * reads what the receiver answers for the selector now, from a fresh read-only transaction, so a
 * view can show the artifact against the method it would replace. {@link Kernel} exposes me behind
 * its thread guard.
 */
public final class Cycles {
    private final Vessel vessel;

    Cycles(Vessel vessel) {
        this.vessel = vessel;
    }

    private Orchestrator orchestrator() {
        return vessel.orchestrator();
    }

    /** Every cycle this process started, oldest first; the snapshots do not read the replaced slot. */
    public List<CycleInfo> all() {
        List<CycleInfo> infos = new ArrayList<>();
        for (CognitiveCycle c : orchestrator().cycles()) {
            infos.add(snapshot(c, null));
        }
        return infos;
    }

    /** The cycles waiting for the architect, oldest first, each with the slot it would replace. */
    public List<CycleInfo> awaitingApproval() {
        List<CognitiveCycle> waiting = orchestrator().awaitingApproval();
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<CycleInfo> infos = new ArrayList<>();
        try (Transaction tx = vessel.image().begin("read the verdict queue", "kernel")) {
            for (CognitiveCycle c : waiting) {
                infos.add(snapshot(c, tx));
            }
        }
        return infos;
    }

    /**
     * One cycle in full, with the slot it would replace.
     *
     * @throws ImageException NOT_FOUND when this process knows no such cycle
     */
    public CycleInfo get(String id) {
        CognitiveCycle c = cycle(id);
        try (Transaction tx = vessel.image().begin("read cycle " + id, "kernel")) {
            return snapshot(c, tx);
        }
    }

    /**
     * Approves a parked cycle and answers once it has ended: committed, or failed (a second
     * conflict at commit, an artifact that no longer validates on a fresh snapshot).
     *
     * @throws ImageException NOT_FOUND for an unknown cycle, USAGE for one not awaiting approval
     */
    public CycleOutcome approve(String id) {
        CognitiveCycle c = cycle(id);
        orchestrator().approve(c.id());
        return await(c.outcome());
    }

    /**
     * Rejects a parked cycle with the architect's note (null or blank: none); it ends FAILED with the
     * note among its findings and writes nothing. Answers once it has ended.
     *
     * @throws ImageException NOT_FOUND for an unknown cycle, USAGE for one not awaiting approval
     */
    public CycleOutcome reject(String id, String note) {
        CognitiveCycle c = cycle(id);
        orchestrator().reject(c.id(), note);
        return await(c.outcome());
    }

    private CognitiveCycle cycle(String id) {
        return orchestrator().cycle(id)
                .orElseThrow(() -> new ImageException(ImageException.Code.NOT_FOUND, "no cycle " + id));
    }

    private static CycleOutcome await(CompletableFuture<CycleOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException(ImageException.Code.ERROR, "interrupted while the cycle ended", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ImageException(ImageException.Code.ERROR, "the cycle broke: " + cause.getMessage(), cause);
        }
    }

    /** A snapshot; with {@code tx}, also what the receiver's lookup finds for the selector there. */
    private CycleInfo snapshot(CognitiveCycle c, Transaction tx) {
        long holder = 0;
        String replaced = null;
        if (tx != null && c.brief().isMethod() && tx.exists(c.brief().receiver())) {
            UvmObject receiver = vessel.space().object(tx, c.brief().receiver());
            Optional<UvmObject> found = receiver.holderOf(c.brief().selector());
            if (found.isPresent()) {
                holder = found.get().oid();
                Object value = receiver.get(c.brief().selector());
                replaced = value instanceof MethodSource m ? m.source() : ValueJson.toJson(value).toString();
            }
        }
        CompletableFuture<CycleOutcome> outcome = c.outcome();
        return new CycleInfo(c.id(), c.brief(), c.state(), c.persona(), c.awaitingApproval(), c.finished(),
                c.parent() == null ? null : c.parent().id(), c.preApproved(), c.started(), c.objectOid(),
                c.artifactText(), c.artifactSource(), c.verdict(), c.trialResult(), c.findings(),
                outcome.isDone() && !outcome.isCompletedExceptionally() ? outcome.join() : null, holder, replaced,
                c.exchanges(), c.cancelled());
    }

    /**
     * The cycle's object as its own transaction holds it, for a cycle whose object no other
     * transaction can see (it commits only when the cycle completes): its identifying slots
     * rebuilt from the cycle — {@code cycleId}, {@code missionBrief}, {@code correctionDepth},
     * {@code parentCycle}, {@code activePersona} and {@code synthesisState} (a reference to the PSM
     * state object it is in) — without its scratch data.
     */
    ObjectDescription uncommitted(CycleInfo info, Transaction tx) {
        List<SlotDescription> slots = new ArrayList<>();
        long oid = info.objectOid();
        slots.add(data(oid, "cycleId", info.id()));
        slots.add(data(oid, "missionBrief", info.brief().toSlot()));
        slots.add(data(oid, "correctionDepth", (long) info.brief().depth()));
        if (info.parentCycle() != null) {
            slots.add(data(oid, "parentCycle", info.parentCycle()));
        }
        if (info.persona() != null) {
            slots.add(data(oid, "activePersona", info.persona()));
        }
        if (vessel.space().lobby(tx).get(PsmGenesis.PSM_SLOT) instanceof ObjectRef psm && tx.exists(psm.oid())
                && vessel.space().object(tx, psm.oid()).get(info.state()) instanceof ObjectRef state) {
            slots.add(new SlotDescription("synthesisState", SlotDescription.Kind.REFERENCE, oid, false,
                    ValueJson.toJson(state).toString(), state.oid()));
        }
        return new ObjectDescription(oid, List.of(), slots);
    }

    private static SlotDescription data(long oid, String name, Object value) {
        return new SlotDescription(name, SlotDescription.Kind.DATA, oid, false, ValueJson.toJson(value).toString(), -1);
    }
}
