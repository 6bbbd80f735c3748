package io.batos.image;

import java.util.List;

/**
 * One committed transaction as it stands in {@code image.log}: who, when, why, and the new state of
 * every object it changed, each with a back-pointer to that object's previous state.
 *
 * @param offset  file offset of the record's first byte
 * @param length  total bytes the record occupies (frame included)
 * @param txId    the transaction id (strictly increasing along the log)
 * @param time    commit time, epoch milliseconds
 * @param note    the transaction's note, as given to {@code begin}
 * @param origin  what started it (cli, workbench, cycle, undo, pack, genesis …)
 * @param entries the changed objects
 */
public record LogRecord(long offset, int length, long txId, long time, String note, String origin,
                        List<Entry> entries) {

    /** The end offset, where the next record starts. */
    public long end() {
        return offset + length;
    }

    /**
     * One object's new state inside a record.
     *
     * @param offset     file offset of this entry (what the index stores for the object)
     * @param oid        the object
     * @param serial     the transaction that wrote this state (the record's txId)
     * @param prevOffset the entry holding the previous state, or -1 for a new object
     * @param state      the encoded slots (see {@link StateCodec})
     */
    public record Entry(long offset, long oid, long serial, long prevOffset, byte[] state) {
    }
}
