package io.batos.object;

/**
 * Answers a message that no slot understood, when no {@code doesNotUnderstand} method is found in
 * the receiver's lookup path.
 *
 * <p>The kernel plugs in the cognitive cycle here; the default raises
 * {@link DoesNotUnderstandException}, which is what an image without a mind should do.
 */
@FunctionalInterface
public interface DoesNotUnderstandHandler {
    /** Answers the message's result, or throws {@link DoesNotUnderstandException}. */
    Object doesNotUnderstand(Message message);

    /** The handler of an image with no cognitive core. */
    DoesNotUnderstandHandler RAISE = message -> {
        throw new DoesNotUnderstandException(message, "no slot found and no doesNotUnderstand handler wired");
    };
}
