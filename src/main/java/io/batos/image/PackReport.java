package io.batos.image;

/**
 * What {@code pack} did.
 *
 * @param bound           history up to this transaction was collapsed into one record
 * @param removedObjects  objects dropped because nothing reachable from the root refers to them
 * @param removedRecords  transaction records folded away
 * @param bytesBefore     log size before
 * @param bytesAfter      log size after
 */
public record PackReport(long bound, long removedObjects, long removedRecords, long bytesBefore, long bytesAfter) {
}
