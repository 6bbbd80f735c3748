package io.batos.image;

/**
 * Figures about an open image, as {@code batos image info} prints them.
 *
 * @param path         the image directory
 * @param objects      live objects in the current state
 * @param transactions transactions in the log
 * @param lastTx       the newest transaction id
 * @param logBytes     size of {@code image.log}
 * @param blobs        blobs in the blob store
 * @param blobBytes    their total size
 */
public record ImageInfo(String path, long objects, long transactions, long lastTx, long logBytes, long blobs,
                        long blobBytes) {
}
