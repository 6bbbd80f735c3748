package io.batos.code;

import io.batos.object.UvmObject;

/**
 * A built-in method implemented in Java, named by a {@code Primitive} slot value, as Smalltalk's
 * primitives are. The kernel registers them; the architect can replace any with Java source.
 */
@FunctionalInterface
public interface PrimitiveMethod {
    Object invoke(UvmObject self, Object[] args);
}
