package io.batos.memory;

/**
 * One cycle found by a memory search.
 *
 * @param cycleId  the cycle (the catalog document's id)
 * @param score    Lucene's relevance score (higher is better; equal scores are ordered newest first)
 * @param outcome  COMPLETE, FAILED, or null for a cycle that had not ended when ingested
 * @param selector the selector the mission was about, or null
 * @param snippet  a short passage of the cycle's text with the matching words in {@code **…**}
 */
public record Hit(String cycleId, double score, String outcome, String selector, String snippet) {
}
