package io.batos.object;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One numbered, idempotent step of building an image's world (lobby, traits, PSM states, codex…).
 *
 * <p>Steps receive the root in the genesis transaction. A step runs once per image: the image
 * records the last step applied, and a later build's new steps are applied to older images
 * without touching what the architect changed since.
 *
 * @param number strictly increasing position; never renumber a released step
 * @param name   what it makes, for the transaction note
 * @param apply  the work, given the root object
 */
public record GenesisStep(int number, String name, Consumer<UvmObject> apply) {
    public GenesisStep {
        Objects.requireNonNull(name);
        Objects.requireNonNull(apply);
        if (number < 1) {
            throw new IllegalArgumentException("genesis steps are numbered from 1");
        }
    }
}
