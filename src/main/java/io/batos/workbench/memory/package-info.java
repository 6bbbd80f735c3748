/**
 * The memory tool: Fractal Memory searched and read, and ALFRED's metacognition report drawn
 * (DESIGN.md §9, §11).
 *
 * <h2>A tour</h2>
 * <ul>
 *   <li>{@link io.batos.workbench.memory.MemoryViewModel} — the search (Lucene query syntax through
 *       {@link io.batos.kernel.Kernel#searchMemory}; a malformed query becomes one line, never a
 *       dialog), the opened cycle ({@link io.batos.kernel.Kernel#memoryDocument}: its
 *       {@link io.batos.memory.CycleDocument} with prompts and responses read from their blobs), and
 *       the {@link io.batos.memory.flywheel.MetacognitionReport} with the figures the charts plot
 *       (success rate per state and per persona, the corrections line).</li>
 *   <li>{@link io.batos.workbench.memory.MemoryView} — the search field (its tooltip explains the
 *       syntax and the fields), hits with their snippets, the document (states path, personas,
 *       findings, model exchanges), and beside them the report: bar charts of the success rates
 *       and of the top failure findings, the self-correction figures, and the failure patterns.</li>
 * </ul>
 *
 * <p>Why a cycle id is the currency: the search's hits, the report's patterns and the PSM monitor
 * all name cycles by id, so {@link io.batos.workbench.memory.MemoryViewModel#open(String)} is the
 * one door to a cycle's story, whoever found it. The report is computed when the view is first
 * shown and after live events that change what memory holds (an autotelic pass, a cycle's end),
 * one computation at a time, never on the FX thread.
 */
package io.batos.workbench.memory;
