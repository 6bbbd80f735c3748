package io.batos.image;

import java.time.Instant;
import java.util.List;

/**
 * One line of the image's biography: a committed transaction and the objects it changed.
 *
 * @param txId   increasing transaction id
 * @param time   when it committed
 * @param note   why (as given to {@code begin})
 * @param origin what started it
 * @param oids   the objects it wrote, in log order
 */
public record TxInfo(long txId, Instant time, String note, String origin, List<Long> oids) {

    static TxInfo of(LogRecord record) {
        return new TxInfo(record.txId(), Instant.ofEpochMilli(record.time()), record.note(), record.origin(),
                record.entries().stream().map(LogRecord.Entry::oid).toList());
    }
}
