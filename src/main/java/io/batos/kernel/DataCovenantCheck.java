package io.batos.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.guardian.CovenantCompiler;
import io.batos.guardian.DataCovenantException;
import io.batos.guardian.DataGuardian;
import io.batos.image.CommitCheck;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.image.Values;
import io.batos.object.ObjectSpace;
import java.util.List;

/**
 * The Data Covenant at commit: an object whose own {@code covenant} slot names a data covenant is
 * validated, as a JSON object of its data slots, at every commit that changes it; a violation
 * fails that commit with the guardian's findings ({@link DataCovenantException}, exit 4) and
 * nothing is written.
 *
 * <p>Why at commit: the blueprint's Data Covenant covers all system-generated data, not only what
 * a cycle hands to the guardian, and the commit is the one door every change passes — the
 * command line's {@code set}, a method run by {@code send}, the workbench, undo, a cycle.
 *
 * <p>What is validated: the object's own slots as this transaction sees them, in the JSON forms of
 * DESIGN.md §12 ({@code {"$ref": 12}} for a reference…), leaving out {@code parents},
 * {@code covenant} itself, method and primitive slots (behaviour, not data) and {@code _v_} slots
 * (never persisted). The covenant is read from ALFRED's codex in the same transaction. Only the
 * object's own {@code covenant} slot counts: a clone does not inherit its prototype's covenant.
 * A {@code covenant} slot that holds no string, or names no covenant, fails the commit too.
 *
 * <p>What it does not do: editing a covenant does not re-validate the objects that name it (each
 * is checked the next time it changes), and a concurrent commit's slots merged in at the commit
 * point are not seen (write skew, as DESIGN.md §3 documents for every slot-level merge).
 *
 * <p>Cost: one own-slot test per changed object; the JSON conversion, the codex read and the
 * validation happen only for objects that carry a covenant.
 */
final class DataCovenantCheck implements CommitCheck {
    /** The slot that names an object's data covenant. */
    static final String COVENANT_SLOT = "covenant";

    private final ObjectSpace space;
    private final CovenantCompiler compiler;

    DataCovenantCheck(ObjectSpace space, CovenantCompiler compiler) {
        this.space = space;
        this.compiler = compiler;
    }

    @Override
    public void check(Transaction tx, List<Long> changed) {
        DataGuardian guardian = null;
        for (long oid : changed) {
            if (!tx.has(oid, COVENANT_SLOT)) {
                continue;
            }
            Object named = tx.peek(oid, COVENANT_SLOT);
            if (!(named instanceof String covenant)) {
                throw refusal(oid, String.valueOf(ValueJson.toJson(named)), "slot '" + COVENANT_SLOT
                        + "' must name a data covenant (a string), not " + ValueJson.toJson(named)
                        + "; remove the slot to drop the covenant");
            }
            if (guardian == null) {
                guardian = new DataGuardian(new CodexCovenants(space, tx), compiler);
            }
            Verdict verdict;
            try {
                verdict = guardian.validate(covenant, data(tx, oid));
            } catch (ImageException e) {
                if (e.code() != ImageException.Code.NOT_FOUND) {
                    throw e;
                }
                throw refusal(oid, covenant, "slot '" + COVENANT_SLOT + "': " + e.getMessage());
            }
            if (!verdict.accepted()) {
                throw new DataCovenantException(oid, covenant, verdict);
            }
        }
    }

    /** The object's data slots as one JSON object, in the §12 forms. */
    static ObjectNode data(Transaction tx, long oid) {
        ObjectNode node = ValueJson.MAPPER.createObjectNode();
        for (String slot : tx.slotNames(oid)) {
            if (slot.equals(LivingImage.PARENTS_SLOT) || slot.equals(COVENANT_SLOT) || Values.isVolatile(slot)) {
                continue;
            }
            // peek, not get: nothing here changes the value, so it needs no private copy
            Object value = tx.peek(oid, slot);
            if (value instanceof MethodSource || value instanceof Primitive) {
                continue;
            }
            node.set(slot, ValueJson.toJson(value));
        }
        return node;
    }

    private static DataCovenantException refusal(long oid, String covenant, String message) {
        return new DataCovenantException(oid, covenant, Verdict.of(List.of(
                Finding.error(DataGuardian.RULE, message, 0, 0))));
    }
}
