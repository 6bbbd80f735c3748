/**
 * Metacognition: the audit trail of every cognitive cycle, {@code metacognition.jsonl} in the image
 * directory (DESIGN §9) — what the flywheel (ingestion, meta-analysis, curation) learns from.
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.metacognition.AuditRecord} — one line: exactly the blueprint's fifteen
 *       fields, every one present, null when it does not apply; built from a PSM event's fields
 *       ({@code of}) or read from JSON ({@code fromJson}), and checked on construction against the
 *       same rules as {@code resources/schemas/audit-record.json}.
 *       {@link io.batos.metacognition.AuditFinding} — one element of its
 *       {@code validation_result}.</li>
 *   <li>{@link io.batos.metacognition.AuditLog} — the writer: {@code append} only queues (a bounded
 *       wait when the queue is full, then drop and count), one daemon thread writes in batches;
 *       {@code flush} and {@code close} force the file; {@code rotate} archives the live file as
 *       {@code metacognition.<generation>.jsonl} and advances the generation kept in the sidecar
 *       {@code metacognition.generation} ({@code GenerationFile}).</li>
 *   <li>{@link io.batos.metacognition.AuditLogReader} — reads a file from a byte offset: entries
 *       with their offsets, where to resume, a torn last line left for later, malformed lines in
 *       the middle skipped and reported.</li>
 * </ul>
 *
 * <p>How it is wired: the kernel's {@code Vessel} opens the log for every writable image and
 * subscribes it to the event bus's {@code psm} topic, on which the Orchestrator publishes every
 * transition; it closes the log (everything flushed) before the image. Ingestion
 * ({@code io.batos.memory}) reads with the reader and rotates with the writer.
 *
 * <p>This package stands on {@code events} (and may use {@code image}, {@code object},
 * {@code code}); the PSM, memory and the kernel stand on it.
 */
package io.batos.metacognition;
