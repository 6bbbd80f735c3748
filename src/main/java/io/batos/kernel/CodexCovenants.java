package io.batos.kernel;

import io.batos.cognition.psm.Codex;
import io.batos.guardian.CovenantSource;
import io.batos.image.ImageException;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data covenants in ALFRED's codex ({@code data_covenants}: name → JSON Schema text), as one
 * transaction sees them.
 *
 * <p>Why per transaction: a covenant is data the architect edits. Read through the transaction
 * that is being checked, a covenant added or changed in that same transaction is the one that
 * applies, and one edited by someone else after it began is not — snapshot isolation, like every
 * other read. An image without a lobby or a codex (older than genesis step 10, or opened read-only
 * before genesis ran) simply holds no covenants.
 */
final class CodexCovenants implements CovenantSource {
    private final ObjectSpace space;
    private final Transaction tx;

    CodexCovenants(ObjectSpace space, Transaction tx) {
        this.space = space;
        this.tx = tx;
    }

    @Override
    public Optional<String> schema(String name) {
        return lobby().flatMap(lobby -> Codex.covenant(lobby, name));
    }

    @Override
    public List<String> names() {
        return lobby().map(lobby -> Codex.entry(lobby, "ALFRED").get(Codex.COVENANTS))
                .filter(Map.class::isInstance)
                .map(map -> ((Map<?, ?>) map).entrySet().stream()
                        .filter(e -> e.getKey() instanceof String && e.getValue() instanceof String)
                        .map(e -> (String) e.getKey()).sorted().toList())
                .orElse(List.of());
    }

    private Optional<UvmObject> lobby() {
        try {
            return Optional.of(space.lobby(tx));
        } catch (ImageException e) {
            if (e.code() == ImageException.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
