package io.batos.kernel;

/**
 * One slot as tools show it: where it lives, what kind it is, and its value as JSON text.
 *
 * @param name      the slot's name
 * @param kind      what it holds
 * @param holder    the object that has it (the object itself, or a parent for an inherited slot)
 * @param inherited found through parents rather than owned
 * @param json      the value in the JSON forms of DESIGN.md §12 (compact)
 * @param ref       the referenced object's oid when the value is an object reference, else -1
 */
public record SlotDescription(String name, Kind kind, long holder, boolean inherited, String json, long ref) {

    /** What a slot holds, for grouping in the browser. */
    public enum Kind { PARENTS, DATA, REFERENCE, METHOD, PRIMITIVE, VOLATILE }
}
