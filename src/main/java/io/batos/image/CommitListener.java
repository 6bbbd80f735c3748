package io.batos.image;

/**
 * Hears of every commit of an image once it is durable: its id, time, note, origin and the objects
 * it wrote.
 *
 * <p>Why a hook: the layers above announce commits to whoever watches (the workbench's views, the
 * server's {@code tx} topic) whoever made them — the architect, a cognitive cycle, ALFRED's
 * ingestion and curation, an undo — and only the image sees them all. Contract: it runs on the
 * committing thread after the commit is in the log and before {@link Transaction#commit()}
 * returns, so it must be quick (hand the news on, never wait); what it throws is ignored, since
 * the commit stands either way; it is never called for a commit that wrote nothing.
 */
@FunctionalInterface
public interface CommitListener {
    /** A commit is durable. */
    void committed(TxInfo commit);
}
