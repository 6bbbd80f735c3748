package io.batos.memory;

import io.batos.image.LivingImage;
import io.batos.object.Genesis;
import io.batos.object.GenesisStep;
import io.batos.object.ObjectSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Images for Fractal Memory's tests: the lobby and the knowledge catalog, nothing else (fast). */
final class MemoryImages {
    private MemoryImages() {
    }

    static LivingImage create(Path dir) {
        LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        List<GenesisStep> steps = new ArrayList<>(Genesis.coreSteps());
        steps.addAll(MemoryGenesis.steps());
        new Genesis(steps).apply(new ObjectSpace(image));
        return image;
    }
}
