package io.batos.object;

import java.util.List;

/**
 * A send that found no slot: what {@code doesNotUnderstand} receives.
 *
 * @param receiver  the object the message was sent to (still {@code self})
 * @param selector  the selector nobody understood
 * @param arguments the arguments as sent
 */
public record Message(UvmObject receiver, String selector, List<Object> arguments) {
}
