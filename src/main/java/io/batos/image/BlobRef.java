package io.batos.image;

import java.util.Objects;

/**
 * A persistable reference to content in the image's blob store, addressed by its SHA-256.
 *
 * <p>Large data (model weights, long prompts) never lives in the log: the log holds this small
 * reference and the bytes live once in {@code blobs/}, however many slots refer to them.
 *
 * @param sha256 lower-case hex SHA-256 of the content
 * @param size   content length in bytes
 */
public record BlobRef(String sha256, long size) {
    public BlobRef {
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size: " + size);
        }
    }
}
