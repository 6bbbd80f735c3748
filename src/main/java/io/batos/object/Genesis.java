package io.batos.object;

import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The numbered steps that build a world in an image, applied at most once each.
 *
 * <p>The root's {@code genesis} slot records the last step applied. Opening an image made by an
 * older build applies the missing steps, all in one transaction, so an image is never half-made;
 * reopening an up-to-date image commits nothing and never re-seeds over the architect's edits.
 * Each layer contributes its steps; the kernel puts them together.
 */
public final class Genesis {
    /** The root's slot holding the number of the last step applied. */
    public static final String LEVEL_SLOT = "genesis";
    /** The name of the lobby's slot holding {@code traits}. */
    public static final String TRAITS_SLOT = "traits";

    private final List<GenesisStep> steps;

    public Genesis(List<GenesisStep> steps) {
        List<GenesisStep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingInt(GenesisStep::number));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).number() == sorted.get(i - 1).number()) {
                throw new IllegalArgumentException("two genesis steps numbered " + sorted.get(i).number());
            }
        }
        this.steps = List.copyOf(sorted);
    }

    /** The object layer's own steps: 1 lobby, 2 traits. */
    public static List<GenesisStep> coreSteps() {
        return List.of(
                new GenesisStep(1, "lobby", root -> {
                    UvmObject lobby = new UvmObject(root.space(), root.transaction(), root.transaction().create());
                    root.set(ObjectSpace.LOBBY_SLOT, lobby);
                }),
                new GenesisStep(2, "traits", root -> {
                    UvmObject lobby = root.space().lobby(root.transaction());
                    UvmObject traits = new UvmObject(root.space(), root.transaction(), root.transaction().create());
                    traits.set("comment", "The shared behaviour every object can reach through its parents.");
                    lobby.set(TRAITS_SLOT, traits);
                    lobby.setParents(List.of(traits));
                }));
    }

    public List<GenesisStep> steps() {
        return steps;
    }

    /** The number of the newest step this build knows. */
    public int latest() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).number();
    }

    /**
     * Applies the steps the image lacks, in one transaction.
     *
     * @return the steps applied (empty when the image was up to date; then nothing is committed)
     */
    public List<GenesisStep> apply(ObjectSpace space) {
        return space.inTransaction("genesis", "genesis", tx -> applyIn(space, tx));
    }

    private List<GenesisStep> applyIn(ObjectSpace space, Transaction tx) {
        UvmObject root = space.root(tx);
        Object level = root.get(LEVEL_SLOT);
        long done = level instanceof Long l ? l : 0L;
        List<GenesisStep> missing = steps.stream().filter(s -> s.number() > done).collect(Collectors.toList());
        if (missing.isEmpty()) {
            tx.abort();
            return missing;
        }
        for (GenesisStep step : missing) {
            step.apply().accept(root);
        }
        root.set(LEVEL_SLOT, (long) missing.get(missing.size() - 1).number());
        return missing;
    }

    /** The level recorded in an image. */
    public static long level(LivingImage image) {
        try (Transaction tx = image.begin("read genesis level")) {
            Object level = tx.peek(LivingImage.ROOT_OID, LEVEL_SLOT);
            return level instanceof Long l ? l : 0L;
        }
    }
}
