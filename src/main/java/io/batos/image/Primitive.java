package io.batos.image;

import java.util.Objects;

/**
 * A slot value naming a built-in Java implementation, as Smalltalk primitives do.
 *
 * <p>Only the name is persisted; the implementation is bound by the running process, so an image
 * never contains runtime machinery.
 *
 * @param name the registered primitive's name, such as {@code psm.validating}
 */
public record Primitive(String name) {
    public Primitive {
        Objects.requireNonNull(name, "name");
    }
}
