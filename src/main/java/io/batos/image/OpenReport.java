package io.batos.image;

/**
 * What opening an image had to do before it was usable: create it, cut a torn tail, rebuild or
 * catch up the index. Tools show it; tests assert it.
 *
 * @param created          the directory held no image and a new one was made
 * @param truncatedBytes   bytes of a torn final record cut from the log (0: none)
 * @param truncatedReason  why those bytes were not a whole record (null: none cut)
 * @param indexRebuilt     why the index was rebuilt from the whole log (null: it was trusted)
 * @param recordsReplayed  log records applied to the index while opening
 * @param rebuildMillis    time spent replaying
 */
public record OpenReport(boolean created, long truncatedBytes, String truncatedReason, String indexRebuilt,
                         long recordsReplayed, long rebuildMillis) {

    /** One line per thing recovery did, for people. */
    public java.util.List<String> lines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (created) {
            lines.add("created a new image");
        }
        if (truncatedBytes > 0) {
            lines.add("cut a torn final record (" + truncatedBytes + " bytes: " + truncatedReason + ")");
        }
        if (indexRebuilt != null) {
            lines.add("rebuilt the index from the log (" + indexRebuilt + "): " + recordsReplayed + " records in "
                    + rebuildMillis + " ms");
        } else if (recordsReplayed > 0) {
            lines.add("caught the index up by " + recordsReplayed + " records");
        }
        return lines;
    }
}
