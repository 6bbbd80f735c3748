package io.batos.image;

import java.util.Objects;

/**
 * Java source of one method, stored in a slot whose name is its selector.
 *
 * <p>The image only persists the text; compiling and running it is the {@code code} layer's work,
 * so an image opens even where no compiler is available.
 *
 * @param source the method's complete source text
 */
public record MethodSource(String source) {
    public MethodSource {
        Objects.requireNonNull(source, "source");
    }
}
