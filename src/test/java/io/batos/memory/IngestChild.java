package io.batos.memory;

import io.batos.image.LivingImage;
import io.batos.kernel.Vessel;
import java.nio.file.Path;

/**
 * The victim of the ingestion crash tests: opens the image as the command line does, ingests once
 * and prints what it took in; a test arms {@code -Dbatos.memory.killAt=…} to halt it midway.
 */
public final class IngestChild {
    public static void main(String[] args) {
        try (Vessel vessel = Vessel.open(Path.of(args[0]), LivingImage.OpenMode.EXISTING)) {
            IngestResult result = vessel.memory().ingest();
            System.out.println("ingested " + result.events());
        }
    }
}
