/**
 * Fractal Memory: the knowledge catalog of past cognitive cycles, ingested from the audit log,
 * and Lucene search over it (DESIGN.md §9).
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.memory.FractalMemory} — the one object per open image that the kernel
 *       makes: ingestion, search, and ALFRED's {@code ingestCognitiveAuditLog} primitive.</li>
 *   <li>{@link io.batos.memory.KnowledgeCatalog} — {@code lobby.knowledgeCatalog} in the image:
 *       one object per cycle ({@link io.batos.memory.CycleDocument}: state path, personas,
 *       outcome, mission, findings, model exchanges with long texts as blobs), hung from 256
 *       shards by a hash of the cycle id, and the {@link io.batos.memory.Cursor} saying how far
 *       the log was read. {@link io.batos.memory.MemoryGenesis} makes it at genesis step 12.</li>
 *   <li>{@link io.batos.memory.Ingestion} — the protocol: read from the cursor, commit documents
 *       and cursor in one transaction, then rotate; why no crash ingests twice or skips is in its
 *       javadoc. {@link io.batos.memory.AuditEvent} is one log line read leniently;
 *       {@code AuditLogReader} reads whole lines across generations;
 *       {@link io.batos.memory.AuditFiles} knows where generations live;
 *       {@link io.batos.memory.LogRotation} is what ingestion asks of the writer
 *       ({@link io.batos.memory.FileRotation} when there is none in the process).</li>
 *   <li>{@link io.batos.memory.MemorySearch} — Lucene query syntax over the catalog, answering
 *       {@link io.batos.memory.Hit}s; {@code SearchIndex} keeps the derived index in
 *       {@code vessel/memory-index/} in step with the image (caught up, following undo and pack,
 *       rebuilt when it cannot be trusted); {@code LuceneDocuments} and {@code MemoryAnalyzers}
 *       say which fields exist and how values match.</li>
 *   <li>{@link io.batos.memory.CycleLineage} — a correction's cycle id names its first attempt
 *       ({@code root.1}, {@code root.2}), which is how the chain survives in the log;
 *       {@code Recollection} reads every cycle known without writing (the catalog at one
 *       transaction plus the log after its cursor) for {@link io.batos.memory.FractalMemory#cycles}.</li>
 *   <li>{@link io.batos.memory.flywheel} — ALFRED's meta-analysis and dataset curation over these
 *       documents.</li>
 * </ul>
 *
 * <p>This layer sits beside {@code metacognition} (which writes the audit log) and below the state
 * machine (whose BABS may search it); it uses the image, the object layer for genesis, and the
 * code layer for the primitive table only.
 */
package io.batos.memory;
