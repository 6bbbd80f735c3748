package io.batos.image;

/**
 * Thrown by {@code commit()} when a list, map or byte array read from a slot was changed in place
 * and nobody declared it with {@code markChanged()}; nothing was written.
 *
 * <p>This is the Persistence Covenant enforced by the runtime: without it such a change would be
 * silently lost at the next reopen (the blueprint's "systemic amnesia"). Naming the object and the
 * slot tells the author exactly which method forgot its {@code self.markChanged()}.
 */
public final class CovenantViolationException extends SlotException {
    public CovenantViolationException(long oid, String slot) {
        super(Code.REJECTED, "persistence covenant broken: slot '" + slot + "' of @" + oid
                + " was changed in place without markChanged(); nothing was committed", oid, slot);
    }
}
