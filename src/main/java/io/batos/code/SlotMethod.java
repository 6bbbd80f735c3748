package io.batos.code;

import io.batos.object.UvmObject;

/**
 * A compiled method slot: what the code layer generates around a method's source.
 *
 * <p>Generated classes implement me; nothing else should. {@code budget} is the calling thread's
 * time and depth budget, handed to a fresh instance of the generated class so the checks the
 * compiler inserted at loop back-edges and method entries cost a field read, not a thread-local
 * lookup.
 */
public interface SlotMethod {
    /** Runs the method with {@code self} bound to the original receiver. */
    Object invoke(Budget budget, UvmObject self, Object[] args);
}
