package io.batos.memory;

import java.nio.file.Path;

/**
 * Rotates the audit log: archives the current generation's file and starts the next one.
 *
 * <p>Why an interface of our own: the writer ({@code io.batos.metacognition.AuditLog}) owns the
 * file while the process runs and must rotate under its own lock, so that no event is half in one
 * file and half in the next; ingestion only asks for it. The kernel adapts the writer's
 * {@code rotate()}; {@link FileRotation} does the same renames for a process that has no writer.
 * Either way the contract is the one {@link AuditFiles} reads: rename the current file to its
 * archive first, then advance the generation.
 */
@FunctionalInterface
public interface LogRotation {
    /**
     * Archives the current file and advances the generation.
     *
     * @return what was archived, or null when there was nothing to archive (no current file)
     */
    Rotated rotate();

    /**
     * Puts every event appended so far on disk before ingestion reads (the writer queues them on
     * a thread of its own); a process without a writer has nothing to flush.
     */
    default void flush() {
    }

    /**
     * One rotation.
     *
     * @param archivedGeneration the generation now closed
     * @param archive            where its events now live
     * @param newGeneration      the generation new events go to
     */
    record Rotated(long archivedGeneration, Path archive, long newGeneration) {
    }
}
