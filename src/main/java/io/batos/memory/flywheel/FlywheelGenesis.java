package io.batos.memory.flywheel;

import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.object.GenesisStep;
import java.util.List;
import java.util.Map;

/**
 * The flywheel's genesis step, 13: the shelf of curated datasets ({@code lobby.datasets}), ALFRED's
 * {@code analyzeCognitiveCycles} and {@code curateFineTuningDatasets} slots (primitives the kernel
 * binds), and the curation threshold in ALFRED's codex when it has none.
 *
 * <p>Why slots on ALFRED: meta-analysis and curation are his duties in the blueprint, and the
 * autotelic loop sends them as messages, so an architect who rewrites one in Java changes what the
 * loop does.
 */
public final class FlywheelGenesis {
    /** The selector ALFRED answers with the meta-analysis (the report as a map). */
    public static final String ANALYZE_SELECTOR = "analyzeCognitiveCycles";
    /** The primitive that selector's slot names. */
    public static final String ANALYZE_PRIMITIVE = "alfred.analyzeCognitiveCycles";
    /** The selector ALFRED answers by curating the datasets that are due. */
    public static final String CURATE_SELECTOR = "curateFineTuningDatasets";
    /** The primitive that selector's slot names. */
    public static final String CURATE_PRIMITIVE = "alfred.curateFineTuningDatasets";

    private FlywheelGenesis() {
    }

    public static List<GenesisStep> steps() {
        return List.of(new GenesisStep(13, "datasets and the flywheel", root -> {
            Transaction tx = root.transaction();
            Datasets.create(tx, root.space().lobby(tx).oid());
            Personas.persona(tx, "ALFRED").ifPresent(alfred -> {
                tx.set(alfred, ANALYZE_SELECTOR, new Primitive(ANALYZE_PRIMITIVE));
                tx.set(alfred, CURATE_SELECTOR, new Primitive(CURATE_PRIMITIVE));
                Map<String, Object> codex = Personas.codex(tx, "ALFRED");
                if (!codex.isEmpty() && !codex.containsKey(Curator.THRESHOLD_KEY)) {
                    codex.put(Curator.THRESHOLD_KEY, Curator.DEFAULT_THRESHOLD);
                    tx.set(alfred, "codex", codex);
                }
            });
        }));
    }
}
