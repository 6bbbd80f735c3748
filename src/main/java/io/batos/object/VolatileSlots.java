package io.batos.object;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code _v_} slots of one open image: process-local, untransactional, never persisted.
 *
 * <p>They hold runtime machinery that must not enter the image (a socket, a session, a lock) next
 * to the object it serves, the way the blueprint's {@code _v_} attributes did; after a reopen they
 * are gone. They are per object: lookup does not follow parents for them.
 */
public final class VolatileSlots {
    private final Map<Long, Map<String, Object>> slots = new ConcurrentHashMap<>();

    Object get(long oid, String slot) {
        Map<String, Object> own = slots.get(oid);
        return own == null ? null : own.get(slot);
    }

    void set(long oid, String slot, Object value) {
        if (value == null) {
            remove(oid, slot);
        } else {
            slots.computeIfAbsent(oid, k -> new ConcurrentHashMap<>()).put(slot, value);
        }
    }

    boolean remove(long oid, String slot) {
        Map<String, Object> own = slots.get(oid);
        return own != null && own.remove(slot) != null;
    }

    Set<String> names(long oid) {
        Map<String, Object> own = slots.get(oid);
        return own == null ? Set.of() : Set.copyOf(own.keySet());
    }
}
