package io.batos.kernel;

import io.batos.cognition.llm.EngineOptions;
import io.batos.cognition.llm.ModelDirectory;
import io.batos.cognition.llm.ModelSignature;
import io.batos.cognition.llm.OnnxCausalLm;
import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.image.BlobRef;
import io.batos.image.ImageException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Incarnates a cognitive core in an image: an exported model directory streamed into the blob
 * store ({@code model import}), a server's address ({@code model connect}), or the demo core.
 *
 * <p>A model directory is checked before anything is written: it must load and run one token in
 * ONNX Runtime, so an image never records a core it cannot resurrect. Files are streamed into
 * blobs with a fixed buffer, so the heap stays bounded whatever the model's size (blueprint
 * VULN-02); the record is one transaction that replaces the previous core.
 *
 * <p>A {@link Progress} that throws stops an import before its next file: nothing is recorded
 * (the blobs already stored stay, unreferenced, until a pack). That is how a caller cancels one.
 */
public final class ModelImporter {
    /** Told about each file as it is stored. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (file, bytes, index, count) -> { };

        void storing(String file, long bytes, int index, int count);
    }

    private final Vessel vessel;
    private long recordedTx;

    public ModelImporter(Vessel vessel) {
        this.vessel = vessel;
    }

    /**
     * Imports the model in {@code dir} under {@code name} (the directory's name when null).
     *
     * @throws io.batos.cognition.llm.ModelException when the model is missing files or cannot run
     */
    public ModelCore importDirectory(Path dir, String name, Progress progress) {
        return importAs(dir, name == null || name.isBlank() ? dir.toAbsolutePath().normalize().getFileName().toString() : name,
                ModelCore.ONNX, progress);
    }

    /**
     * Gives the image the demo core: writes the scripted fixture model ({@link ModelFixtures.Kind#SCRIPTED})
     * to a scratch directory, imports it labelled as a demo, and deletes the scratch directory —
     * what {@code batos model demo} and the workbench's Demo action do.
     */
    public ModelCore importDemo(Progress progress) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("batos-demo-core");
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot make a scratch directory for the demo core: "
                    + e.getMessage(), e);
        }
        try {
            ModelFixtures.write(ModelFixtures.Kind.SCRIPTED, scratch);
            return importDemo(scratch, progress);
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot write the demo core: " + e.getMessage(), e);
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a scratch directory left behind in the temp dir is no reason to fail the import
            }
        }
    }

    /** Imports the demo core's fixture directory, labelled as a demo. */
    public ModelCore importDemo(Path fixtureDir, Progress progress) {
        return importAs(fixtureDir, "scripted demo", ModelCore.DEMO, progress);
    }

    private ModelCore importAs(Path dir, String name, String kind, Progress progress) {
        ModelDirectory model = ModelDirectory.open(dir);
        Map<String, Object> architecture = new LinkedHashMap<>();
        try (OnnxCausalLm probe = OnnxCausalLm.open(dir, EngineOptions.defaults(name))) {
            ModelSignature sig = probe.signature();
            architecture.put("layout", sig.layout());
            architecture.put("layers", (long) sig.layers());
            architecture.put("kvHeads", (long) sig.kvHeads());
            architecture.put("headDim", (long) sig.headDim());
            architecture.put("dtype", sig.kvType().name().toLowerCase(Locale.ROOT));
            architecture.put("vocab", (long) sig.vocabSize());
            architecture.put("contextLength", (long) probe.contextLength());
            String type = model.configValue("model_type");
            if (type != null) {
                architecture.put("modelType", type);
            }
        }
        var files = model.files();
        Map<String, BlobRef> blobs = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            Path path = dir.resolve(file);
            try {
                progress.storing(file, Files.size(path), i + 1, files.size());
            } catch (java.io.IOException e) {
                throw new ImageException(ImageException.Code.ERROR, "cannot read " + path + ": " + e.getMessage(), e);
            }
            blobs.put(file, vessel.image().blobs().put(path));
        }
        ModelCore core = new ModelCore(name, kind, blobs, architecture, new ArrayList<>(model.adapters().keySet()),
                null, null);
        record(core, "model import " + name);
        return core;
    }

    /**
     * Records an OpenAI-compatible server as the core; the server is not contacted now, and no
     * API key is stored (they come from the environment or the user's config at each open).
     */
    public ModelCore connect(String url, String model) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ImageException(ImageException.Code.USAGE, "not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ImageException(ImageException.Code.USAGE, "not an http(s) URL: " + url);
        }
        ModelCore core = new ModelCore(model == null ? uri.getHost() : model, ModelCore.SERVER, Map.of(), Map.of(),
                null, uri.toString(), model);
        record(core, "model connect " + uri);
        return core;
    }

    /** The transaction this importer's last import or connect committed (0 before one did). */
    public long recordedTx() {
        return recordedTx;
    }

    private void record(ModelCore core, String note) {
        recordedTx = vessel.space().inTransaction(note, "model", tx -> {
            core.write(vessel.space(), tx);
            return tx.commit();
        });
        vessel.cognitiveCore().reload();
    }
}
