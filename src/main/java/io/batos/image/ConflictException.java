package io.batos.image;

/**
 * Thrown by {@code commit()} when a concurrent transaction committed first a change to a slot
 * this one also changed; nothing of this transaction was written.
 *
 * <p>Conflicts are per slot, as ZODB's BTree conflict resolution merges disjoint changes: two
 * transactions that change different slots of one object both commit.
 */
public final class ConflictException extends SlotException {
    public ConflictException(long oid, String slot, long snapshot, long winner) {
        super(Code.CONFLICT, "conflict: slot '" + slot + "' of @" + oid + " was changed by tx " + winner
                + " after this transaction began (at tx " + snapshot + ")", oid, slot);
    }
}
