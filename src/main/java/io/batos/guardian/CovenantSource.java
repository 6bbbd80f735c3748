package io.batos.guardian;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link DataGuardian} finds data covenants: covenant name → JSON Schema text.
 *
 * <p>Why an interface: the guardian must not know where covenants live. In a running system they
 * are data in ALFRED's codex, read through one transaction (the kernel's source), so a covenant
 * edited in that very transaction is the one that applies; tests and tools hand in a map.
 *
 * <p>Contract: {@link #schema} answers the text exactly as stored (the guardian compiles and
 * caches it by its hash, so an edited text takes effect at once); {@link #names} lists what
 * {@code schema} would answer, for the message an unknown name gets.
 */
public interface CovenantSource {

    /** The JSON Schema text of the covenant named {@code name}, or empty when there is none. */
    Optional<String> schema(String name);

    /** The names of the covenants this source holds, sorted (for messages). */
    List<String> names();

    /** A source over a fixed map of covenant name → JSON Schema text. */
    static CovenantSource of(Map<String, String> covenants) {
        Map<String, String> copy = Map.copyOf(covenants);
        return new CovenantSource() {
            @Override
            public Optional<String> schema(String name) {
                return Optional.ofNullable(copy.get(Objects.requireNonNull(name, "name")));
            }

            @Override
            public List<String> names() {
                return copy.keySet().stream().sorted().toList();
            }
        };
    }
}
