package io.batos.image;

import java.util.Map;
import java.util.Set;

/**
 * A remembered write set inside one transaction, for {@link Transaction#rollbackTo}.
 *
 * <p>The trial run of a freshly written method runs after a savepoint and rolls back to it, so the
 * trial leaves nothing behind while the rest of the transaction stands.
 */
public final class Savepoint {
    private final Transaction owner;
    private final Map<Long, Transaction.Working> touched;
    private final Map<Long, Set<Transaction.HolderSlot>> readThrough;

    Savepoint(Transaction owner, Map<Long, Transaction.Working> touched,
              Map<Long, Set<Transaction.HolderSlot>> readThrough) {
        this.owner = owner;
        this.touched = touched;
        this.readThrough = readThrough;
    }

    Transaction owner() {
        return owner;
    }

    Map<Long, Transaction.Working> touched() {
        return touched;
    }

    Map<Long, Set<Transaction.HolderSlot>> readThrough() {
        return readThrough;
    }
}
