package io.batos.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one ingestion took in.
 *
 * @param events       audit events stored into documents
 * @param cycles       distinct cycles those events belong to
 * @param newDocuments documents created (the rest of {@code cycles} grew an existing document)
 * @param skipped      lines consumed that held no event (torn, malformed)
 * @param transactions commits made (0 when there was nothing new: then the image is untouched)
 * @param cursor       how far the log has been ingested now
 * @param rotation     the rotation that followed, or null when there was nothing to rotate
 * @param warnings     anomalies found on the way (a missing archive, a replaced file, a torn tail)
 */
public record IngestResult(long events, long cycles, long newDocuments, long skipped, int transactions, Cursor cursor,
                           LogRotation.Rotated rotation, List<String> warnings) {
    public IngestResult {
        warnings = List.copyOf(warnings);
    }

    /** The result as a slot-compatible map, which is what ALFRED's primitive answers. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("cycles", cycles);
        m.put("newDocuments", newDocuments);
        m.put("skipped", skipped);
        m.put("transactions", (long) transactions);
        m.put("cursor", cursor.toSlot());
        m.put("rotatedGeneration", rotation == null ? null : rotation.archivedGeneration());
        m.put("warnings", new ArrayList<Object>(warnings));
        return m;
    }
}
