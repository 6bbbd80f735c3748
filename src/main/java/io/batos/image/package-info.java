/**
 * The living image: an append-only transaction log that is the truth, a MapDB index that is a
 * rebuildable view of it, a content-addressed blob store, and snapshot-isolated transactions.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.image.LivingImage} — an open image directory ({@code image.log},
 *       {@code index.db}, {@code blobs/}, {@code image.lock}, {@code vessel/}); opening recovers
 *       (cuts a torn tail, rebuilds or catches up the index) without reading the whole log; it
 *       serializes commits and lets concurrent ones share one fsync; it offers history, undo,
 *       pack, backup and verify.</li>
 *   <li>{@link io.batos.image.Transaction} — a private write set over a snapshot; first committer
 *       wins per slot ({@link io.batos.image.ConflictException}); containers are private copies
 *       and an undeclared in-place change fails the commit
 *       ({@link io.batos.image.CovenantViolationException}); savepoints; {@code refresh} is the one
 *       door through which a newer commit enters an older snapshot.</li>
 *   <li>{@link io.batos.image.CommitCheck} — the one hook for rules of the layers above (the Data
 *       Covenant): run on the final write set before anything is written; a refusal fails the
 *       commit.</li>
 *   <li>{@link io.batos.image.LogFile} and {@link io.batos.image.LogRecord} — the on-disk format:
 *       checksummed records, each object's state with a back-pointer to its previous one.</li>
 *   <li>{@link io.batos.image.StateCodec} — slots as CBOR; {@link io.batos.image.Values} — the
 *       closed set of persistable values and their normalization
 *       ({@link io.batos.image.NotPersistableException} otherwise).</li>
 *   <li>{@link io.batos.image.ObjectRef}, {@link io.batos.image.MethodSource},
 *       {@link io.batos.image.Primitive}, {@link io.batos.image.BlobRef} — the image's own value
 *       types; {@link io.batos.image.BlobStore} — large content, streamed, stored once.</li>
 *   <li>{@link io.batos.image.ImageException} — every failure, with a stable code that the
 *       command line and the server map to exit codes and error words.</li>
 * </ul>
 *
 * <p>This package imports no other project package: everything else stands on it.
 */
package io.batos.image;
