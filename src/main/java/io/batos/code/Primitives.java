package io.batos.code;

import io.batos.image.ImageException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table of primitives a process offers, by name.
 *
 * <p>Only names persist in the image; bindings are made at start-up by the layers that implement
 * them (the state machine's states, ALFRED's protocols). An image that names a primitive this
 * build lacks still opens; sending it answers a clear error.
 */
public final class Primitives {
    private final Map<String, PrimitiveMethod> table = new ConcurrentHashMap<>();

    /** Binds {@code name}; a second binding of the same name replaces the first. */
    public void register(String name, PrimitiveMethod method) {
        table.put(Objects.requireNonNull(name), Objects.requireNonNull(method));
    }

    /** The implementation, or NOT_FOUND naming the primitive. */
    public PrimitiveMethod lookup(String name) {
        PrimitiveMethod method = table.get(name);
        if (method == null) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "no primitive named '" + name
                    + "' in this build (known: " + names() + ")");
        }
        return method;
    }

    public Set<String> names() {
        return new TreeSet<>(table.keySet());
    }
}
