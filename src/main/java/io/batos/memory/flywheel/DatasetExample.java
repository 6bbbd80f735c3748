package io.batos.memory.flywheel;

import java.util.List;

/**
 * One example of a curated dataset as the architect reviews it.
 *
 * @param number   its place in the dataset, from 1
 * @param status   the review so far
 * @param cycles   provenance: the completed cycles whose synthesis gave this very example (more
 *                 than one when deduplication merged identical ones)
 * @param selector the method (or data mission) it teaches
 * @param curated  the example as ALFRED curated it
 * @param edited   the architect's version, or null when not edited
 */
public record DatasetExample(int number, ReviewStatus status, List<String> cycles, String selector,
                             ChatExample curated, ChatExample edited) {
    public DatasetExample {
        cycles = List.copyOf(cycles);
    }

    /** The example an export writes: the edited version when there is one. */
    public ChatExample effective() {
        return edited != null ? edited : curated;
    }
}
