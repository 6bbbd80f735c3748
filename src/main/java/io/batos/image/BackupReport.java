package io.batos.image;

import java.nio.file.Path;

/**
 * What {@code backup} copied: a log prefix ending at a commit, and the blobs it references.
 *
 * @param destination the new image directory
 * @param lastTx      the last transaction the copy contains
 * @param logBytes    bytes of log copied
 * @param blobs       blobs copied
 */
public record BackupReport(Path destination, long lastTx, long logBytes, long blobs) {
}
