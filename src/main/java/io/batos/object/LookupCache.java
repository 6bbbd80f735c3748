package io.batos.object;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers where lookups found their slots, shared by every transaction of an image that sees the
 * same object shapes.
 *
 * <p>A lookup's answer depends only on which slots exist and on parents, never on slot values. The
 * image numbers the last commit that changed any shape (its shape epoch); an answer computed under
 * one epoch holds for every transaction under that epoch, so a newer method never leaks into an
 * older snapshot and an older snapshot never poisons a newer one. When a newer epoch appears the
 * cache starts over (like a Smalltalk method cache flushed on method change). A transaction that
 * changed shapes itself uses a private cache instead (see {@link ObjectSpace}).
 */
final class LookupCache {
    private static final int LIMIT = 1 << 20;

    private record Key(long oid, String selector) {
    }

    private volatile long epoch = -1;
    private volatile ConcurrentHashMap<Key, Long> entries = new ConcurrentHashMap<>();

    /** The cached holder, {@link ObjectSpace#NOT_FOUND} for a cached miss, or null when unknown. */
    Long get(long epochOfReader, long oid, String selector) {
        if (epochOfReader != epoch) {
            return null;
        }
        return entries.get(new Key(oid, selector));
    }

    void put(long epochOfWriter, long oid, String selector, long holder) {
        if (epochOfWriter > epoch) {
            synchronized (this) {
                if (epochOfWriter > epoch) {
                    entries = new ConcurrentHashMap<>();
                    epoch = epochOfWriter;
                }
            }
        }
        if (epochOfWriter != epoch) {
            return;
        }
        ConcurrentHashMap<Key, Long> current = entries;
        if (current.size() >= LIMIT) {
            current.clear();
        }
        current.put(new Key(oid, selector), holder);
    }
}
