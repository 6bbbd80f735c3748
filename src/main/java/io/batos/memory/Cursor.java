package io.batos.memory;

import io.batos.image.ImageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far ingestion has read the audit log: every event of the generations before
 * {@code generation}, and the first {@code offset} bytes of {@code generation} itself.
 *
 * <p>Why a (generation, byte offset) pair and not a count of events: the log rotates, and a byte
 * offset into a file that only ever grows (and is renamed, never rewritten, when it is archived)
 * names the same place before and after the rename. The catalog stores it in the same
 * transaction as the documents it accounts for, so the two can never disagree.
 *
 * @param generation the audit log generation being read (the first is 1)
 * @param offset     bytes of that generation already ingested; always at the end of a line
 */
public record Cursor(long generation, long offset) {
    /** Where an image that never ingested anything starts. */
    public static final Cursor START = new Cursor(1, 0);

    public Cursor {
        if (generation < 1 || offset < 0) {
            throw new IllegalArgumentException("no such audit log position: generation " + generation
                    + ", offset " + offset);
        }
    }

    /** The slot value the catalog keeps: {@code {generation, offset}}. */
    Map<String, Object> toSlot() {
        Map<String, Object> slot = new LinkedHashMap<>();
        slot.put("generation", generation);
        slot.put("offset", offset);
        return slot;
    }

    /** Reads the catalog's slot value; absent means {@link #START}. */
    static Cursor fromSlot(Object value) {
        if (value == null) {
            return START;
        }
        if (value instanceof Map<?, ?> map && map.get("generation") instanceof Long g && map.get("offset") instanceof Long o) {
            return new Cursor(g, o);
        }
        throw new ImageException(ImageException.Code.ERROR, "the knowledge catalog's cursor is not"
                + " {generation, offset}: " + value);
    }

    @Override
    public String toString() {
        return "generation " + generation + " at byte " + offset;
    }
}
