package io.batos.image;

import java.util.Map;

/**
 * One revision of one object as a commit left it; shared by every transaction that reads it.
 *
 * <p>The slot map is never mutated after decoding: transactions take a shallow copy and deep-copy
 * containers on first read, so a committed revision can be cached and shared without locks.
 */
record CommittedState(long oid, long serial, long offset, long prevOffset, Map<String, Object> slots) {

    static CommittedState decode(LogRecord.Entry entry) {
        return new CommittedState(entry.oid(), entry.serial(), entry.offset(), entry.prevOffset(),
                StateCodec.decode(entry.state()));
    }
}
