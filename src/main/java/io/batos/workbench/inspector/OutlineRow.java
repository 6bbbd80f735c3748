package io.batos.workbench.inspector;

/**
 * One row of the inspector's outline: a slot (or a parent) with its value as JSON text.
 *
 * @param name   what the row shows in the name column
 * @param value  the value as JSON text (or {@code @oid} for a parent)
 * @param holder the object the row's slot belongs to (where an edit writes), or -1 for none
 * @param slot   the slot an edit writes, or null when the row is not editable
 * @param expand the object the row opens into when expanded, or -1 for a leaf
 */
public record OutlineRow(String name, String value, long holder, String slot, long expand) {
    /** Whether the value can be edited in place (data slots only). */
    public boolean editable() {
        return slot != null;
    }
}
