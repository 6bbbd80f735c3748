package io.batos.memory;

import io.batos.image.BlobRef;
import io.batos.image.BlobStore;
import io.batos.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a document's texts, whether they stayed inline (a {@link String}) or went to the blob store
 * (a {@link BlobRef}), remembering the last few blobs read.
 *
 * <p>Why the memory: prompts repeat across cycles (the same state prompt, the same mission), and a
 * rebuild of the search index reads every document's texts; content addressing makes a repeated
 * prompt the same blob, so a small cache saves most of the reads. A blob that has gone missing
 * reads as empty text: search loses those words, never the document.
 */
final class BlobTexts {
    private static final int CACHED = 256;
    private final BlobStore blobs;
    private final Map<String, String> recent = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHED;
        }
    };

    BlobTexts(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The text a slot value stands for: itself, a blob's content, or empty. */
    synchronized String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (!(value instanceof BlobRef ref)) {
            return "";
        }
        String cached = recent.get(ref.sha256());
        if (cached != null) {
            return cached;
        }
        try (InputStream in = blobs.open(ref)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            recent.put(ref.sha256(), text);
            return text;
        } catch (ImageException | IOException e) {
            return "";
        }
    }
}
