package io.batos.memory.flywheel;

import io.batos.image.LivingImage;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The personas as this layer finds them: by name under {@code lobby.personas}, their codex a map
 * slot. (The state machine's {@code Codex} sits above memory and is not visible here.)
 */
final class Personas {
    private Personas() {
    }

    /** The persona object named {@code name}, if genesis made it. */
    static Optional<Long> persona(Transaction tx, String name) {
        return tx.peek(LivingImage.ROOT_OID, ObjectSpace.LOBBY_SLOT) instanceof ObjectRef lobby
                && tx.peek(lobby.oid(), "personas") instanceof ObjectRef personas
                && tx.peek(personas.oid(), name) instanceof ObjectRef p ? Optional.of(p.oid()) : Optional.empty();
    }

    /** The persona's codex, as a copy with string keys (empty when it has none). */
    static Map<String, Object> codex(Transaction tx, String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        persona(tx, name).map(p -> tx.peek(p, "codex")).filter(Map.class::isInstance)
                .ifPresent(codex -> ((Map<?, ?>) codex).forEach((k, v) -> out.put(String.valueOf(k), v)));
        return out;
    }
}
