package io.batos.object;

/**
 * Runs a method slot's value — Java source or a named primitive — with {@code self} bound.
 *
 * <p>The object layer only finds methods; running them is the {@code code} layer's work (compiler,
 * sandbox, primitive table), wired in by the kernel. Keeping it behind this interface is what lets
 * {@code object} sit below {@code code} in the layering.
 */
@FunctionalInterface
public interface MethodInvoker {
    /**
     * Invokes {@code method} on {@code self}.
     *
     * @param self     the original receiver (Self semantics, even when the method was inherited)
     * @param selector the selector that found the method
     * @param method   a {@code MethodSource} or {@code Primitive}
     * @param args     the arguments as sent
     */
    Object invoke(UvmObject self, String selector, Object method, Object[] args);

    /** The invoker of an image with no code layer wired: methods exist but cannot run. */
    MethodInvoker NONE = (self, selector, method, args) -> {
        throw new io.batos.image.ImageException(io.batos.image.ImageException.Code.ERROR,
                "cannot run method '" + selector + "' of @" + self.oid() + ": no method runtime is wired in");
    };
}
