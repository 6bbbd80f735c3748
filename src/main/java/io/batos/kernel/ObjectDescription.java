package io.batos.kernel;

import java.util.List;

/**
 * An object as tools show it: its parents and its slots, own and inherited, in lookup order.
 *
 * @param oid     the object
 * @param parents its parents' oids, in order
 * @param slots   own slots first (in the order they were added), then inherited ones (first holder
 *                wins, depth-first through parents in order)
 */
public record ObjectDescription(long oid, List<Long> parents, List<SlotDescription> slots) {

    /** The own slots. */
    public List<SlotDescription> own() {
        return slots.stream().filter(s -> !s.inherited()).toList();
    }
}
