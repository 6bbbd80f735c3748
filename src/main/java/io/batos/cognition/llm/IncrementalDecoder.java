package io.batos.cognition.llm;

import java.util.Arrays;

/**
 * Turns generated ids into text as they come, one small decode per token.
 *
 * <p>A byte-level BPE token can hold half a UTF-8 character, and a token's text can depend on its
 * neighbour (leading spaces), so decoding ids one at a time is wrong and decoding everything each
 * step is quadratic. As in vLLM, we decode a short window twice — from a prefix offset to the last
 * read offset, and to the end — and emit the difference once it no longer ends in a replacement
 * character.
 */
final class IncrementalDecoder {
    private final ModelTokenizer tokenizer;
    private int[] ids = new int[64];
    private int size;
    private int prefixOffset;
    private int readOffset;

    IncrementalDecoder(ModelTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds a generated id; returns the text that is now certain (often empty mid-character). */
    String add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
        String prefix = prefixOffset == readOffset ? "" : tokenizer.decode(ids, prefixOffset, readOffset, true);
        String full = tokenizer.decode(ids, prefixOffset, size, true);
        if (full.length() > prefix.length() && !full.endsWith("\uFFFD")) {
            prefixOffset = readOffset;
            readOffset = size;
            return full.substring(prefix.length());
        }
        return "";
    }

    /** Whatever is still undecided at the end (a dangling partial character comes out as is). */
    String finish() {
        if (readOffset == size) {
            return "";
        }
        String prefix = prefixOffset == readOffset ? "" : tokenizer.decode(ids, prefixOffset, readOffset, true);
        String full = tokenizer.decode(ids, prefixOffset, size, true);
        readOffset = size;
        prefixOffset = size;
        return full.length() > prefix.length() ? full.substring(prefix.length()) : "";
    }
}
