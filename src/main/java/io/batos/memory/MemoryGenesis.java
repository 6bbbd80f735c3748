package io.batos.memory;

import io.batos.image.ObjectRef;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.object.GenesisStep;
import java.util.List;

/**
 * Fractal Memory's genesis step, 12: the knowledge catalog ({@code lobby.knowledgeCatalog}) and
 * ALFRED's {@code ingestCognitiveAuditLog} slot, which names the primitive {@link FractalMemory}
 * binds.
 *
 * <p>Why a primitive slot on the persona: ingestion is ALFRED's duty in the blueprint, and a slot
 * in the image is something the architect can read, send from the workspace, or replace with Java
 * source like any other method. The personas are found by name ({@code lobby.personas.ALFRED},
 * made by step 10); this layer sits below the state machine and does not import it.
 */
public final class MemoryGenesis {
    /** The selector ALFRED answers with an ingestion. */
    public static final String INGEST_SELECTOR = "ingestCognitiveAuditLog";
    /** The primitive that selector's slot names. */
    public static final String INGEST_PRIMITIVE = "alfred.ingestCognitiveAuditLog";

    private MemoryGenesis() {
    }

    public static List<GenesisStep> steps() {
        return List.of(new GenesisStep(12, "knowledge catalog", root -> {
            Transaction tx = root.transaction();
            long lobby = root.space().lobby(tx).oid();
            KnowledgeCatalog.create(tx, lobby);
            if (tx.peek(lobby, "personas") instanceof ObjectRef personas
                    && tx.peek(personas.oid(), "ALFRED") instanceof ObjectRef alfred) {
                tx.set(alfred.oid(), INGEST_SELECTOR, new Primitive(INGEST_PRIMITIVE));
            }
        }));
    }
}
