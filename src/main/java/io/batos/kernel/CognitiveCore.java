package io.batos.kernel;

import io.batos.cognition.llm.ChatRequest;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.Device;
import io.batos.cognition.llm.EngineOptions;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.ModelDescription;
import io.batos.cognition.llm.ModelException;
import io.batos.cognition.llm.OnnxCausalLm;
import io.batos.cognition.llm.TokenListener;
import io.batos.image.BlobRef;
import io.batos.image.BlobStore;
import io.batos.image.ImageException;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The image's cognitive core brought to life in this process: the {@link ModelCore} the image
 * records, resurrected as a {@link LanguageModel} on first use.
 *
 * <p>The model's files live in the blob store under their hashes; ONNX Runtime wants a directory
 * with the exporter's names ({@code model.onnx} next to {@code model.onnx.data}). So the vessel
 * materialises {@code vessel/model-<hash>/} as named hard links to the blobs (symbolic links where
 * hard links are impossible) and loads the session from there — no copy, however large the model,
 * and the image always resurrects its cognitive core (blueprint BUG-02). Loading happens once, on
 * the inference thread; a missing or damaged model fails that load with a clear message and
 * nothing else in the system depends on it.
 *
 * <p>The model handed out records the figures of each answer it finishes ({@link #status()}'s
 * {@code last}) in one stage on the answer's future, once per answer, so the engine's decoding loop
 * is untouched; cancelling the future the caller holds still cancels the engine's and so stops
 * generation.
 */
public final class CognitiveCore implements AutoCloseable {
    private final ObjectSpace space;
    private final Path vesselDir;
    private Device device = Device.parse(System.getProperty("batos.device", "cpu"));
    private CompletableFuture<LanguageModel> loading;
    private boolean attached;
    private boolean closed;
    private volatile ModelStatus.Figures last;

    CognitiveCore(ObjectSpace space, Path vesselDir) {
        this.space = space;
        this.vesselDir = vesselDir;
    }

    /** The model core the image records now, if any. */
    public Optional<ModelCore> record() {
        try (Transaction tx = space.image().begin("read model core", "vessel")) {
            return ModelCore.read(space, tx);
        }
    }

    /**
     * Where embedded models will run; takes effect at the next load. The default comes from
     * {@code -Dbatos.device} ({@code cpu} unless set); ONNX Runtime's thread count from
     * {@code -Dbatos.inference.threads} (0: one per core).
     */
    public synchronized void setDevice(Device d) {
        this.device = d;
    }

    /**
     * The model, loading it on first use; the future fails with a {@link ModelException} that says
     * what to do when the image has no core or its model cannot load.
     */
    public synchronized CompletableFuture<LanguageModel> model() {
        if (closed) {
            return CompletableFuture.failedFuture(new ModelException("the vessel is closed"));
        }
        if (loading == null || loading.isCompletedExceptionally()) {
            Optional<ModelCore> core = record();
            if (core.isEmpty()) {
                return CompletableFuture.failedFuture(new ModelException("this image has no cognitive core"
                        + " (import a model with `batos model import DIR`, connect a server with"
                        + " `batos model connect URL`, or try the demo core with `batos model demo`)"));
            }
            loading = load(core.get()).thenApply(this::recording);
        }
        return loading;
    }

    /** The loaded model if it is ready now, else empty (never waits). */
    public synchronized Optional<LanguageModel> ready() {
        return loading != null && loading.isDone() && !loading.isCompletedExceptionally()
                ? Optional.of(loading.join()) : Optional.empty();
    }

    /**
     * Uses {@code model} as this process's core instead of what the image records (tests drive the
     * state machine with a scripted model this way; an embedding application may too).
     */
    public synchronized void attach(LanguageModel model) {
        reload();
        loading = CompletableFuture.completedFuture(recording(model));
        attached = true;
    }

    /** Whether a model can be had: one is attached, or the image records a core. */
    public synchronized boolean available() {
        return attached || record().isPresent();
    }

    /** Forgets the loaded model (after an import or connect replaced the record); the next use loads anew. */
    public synchronized void reload() {
        CompletableFuture<LanguageModel> old = loading;
        loading = null;
        attached = false;
        if (old != null) {
            old.thenAccept(LanguageModel::close);
        }
    }

    /**
     * The core as a status panel shows it; never loads the model (see {@link ModelStatus}). Reads
     * the image's record in a transaction of its own.
     */
    public synchronized ModelStatus status() {
        Optional<LanguageModel> model = ready();
        Optional<ModelCore> core = attached ? Optional.empty() : record();
        String loadError = null;
        if (loading != null && loading.isCompletedExceptionally()) {
            try {
                loading.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                loadError = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            }
        }
        if (model.isPresent()) {
            ModelDescription d = model.get().description();
            return new ModelStatus(true, d.name(), attached ? "attached" : core.map(ModelCore::kind).orElse(d.backend()),
                    d.demo(), d.label(), core.map(ModelCore::url).orElse(null), true, d.device(), d.note(), null, last);
        }
        if (core.isEmpty()) {
            return new ModelStatus(false, null, null, false, null, null, false, device.toString(), "", loadError, last);
        }
        ModelCore c = core.get();
        String label = c.demo() ? c.name() + " (demo core, not a language model)" : c.name();
        return new ModelStatus(true, c.name(), c.kind(), c.demo(), label, c.url(), false,
                c.server() ? c.url() : device.toString(), "", loadError, last);
    }

    /** The figures of the last answer a model of this core finished in this process. */
    public Optional<ModelStatus.Figures> lastFigures() {
        return Optional.ofNullable(last);
    }

    /** The model as handed out: the same model, recording each finished answer's figures. */
    private LanguageModel recording(LanguageModel model) {
        return new LanguageModel() {
            @Override
            public CompletableFuture<Completion> generate(ChatRequest request, GenerationParams params,
                                                          TokenListener listener) {
                CompletableFuture<Completion> answer = model.generate(request, params, listener);
                // Recorded before the caller sees the answer, so a status read after it has the figures.
                CompletableFuture<Completion> recorded = answer.thenApply(completion -> {
                    last = ModelStatus.Figures.of(completion);
                    return completion;
                });
                // Cancelling what the caller holds still stops decoding within one step.
                recorded.whenComplete((completion, failure) -> {
                    if (recorded.isCancelled()) {
                        answer.cancel(true);
                    }
                });
                return recorded;
            }

            @Override
            public ModelDescription description() {
                return model.description();
            }

            @Override
            public void close() {
                model.close();
            }

            @Override
            public String toString() {
                return model.toString();
            }
        };
    }

    private CompletableFuture<LanguageModel> load(ModelCore core) {
        if (core.server()) {
            try {
                return CompletableFuture.completedFuture(ServerModels.connect(core));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Path dir;
        try {
            dir = materialize(core);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        EngineOptions options = EngineOptions.defaults(core.name()).withDevice(device)
                .withThreads(Integer.getInteger("batos.inference.threads", 0));
        return OnnxCausalLm.load(dir, core.demo() ? options.asDemo() : options).thenApply(m -> (LanguageModel) m);
    }

    /**
     * The model's directory under {@code vessel/}: one named link per file, pointing at its blob.
     *
     * @throws ModelException when a file's blob is missing or has the wrong size
     */
    Path materialize(ModelCore core) {
        BlobRef onnx = core.files().get("model.onnx");
        if (onnx == null) {
            throw new ModelException("the image's model core '" + core.name() + "' has no model.onnx");
        }
        BlobStore blobs = space.image().blobs();
        Path dir = vesselDir.resolve("model-" + onnx.sha256().substring(0, 16));
        try {
            for (Map.Entry<String, BlobRef> file : core.files().entrySet()) {
                BlobRef ref = file.getValue();
                Path blob;
                try {
                    blob = blobs.path(ref);
                } catch (ImageException e) {
                    throw new ModelException("the model file " + file.getKey() + " (sha256 " + ref.sha256()
                            + ") is missing from the image's blobs; import the model again");
                }
                if (Files.size(blob) != ref.size()) {
                    throw new ModelException("the model file " + file.getKey() + " is damaged in the image's blobs ("
                            + Files.size(blob) + " bytes, expected " + ref.size() + "); import the model again");
                }
                Path link = dir.resolve(file.getKey()).normalize();
                if (!link.startsWith(dir)) {
                    throw new ModelException("the model core names a file outside its directory: " + file.getKey());
                }
                if (Files.exists(link) && Files.isSameFile(link, blob)) {
                    continue;
                }
                Files.createDirectories(link.getParent());
                Files.deleteIfExists(link);
                try {
                    Files.createLink(link, blob);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.createSymbolicLink(link, blob.toAbsolutePath());
                }
            }
        } catch (IOException e) {
            throw new ModelException("cannot prepare the model in " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** Closes the model if one was loaded. */
    @Override
    public synchronized void close() {
        closed = true;
        if (loading != null) {
            // A load still in progress closes its model as soon as it finishes.
            loading.thenAccept(LanguageModel::close);
            loading = null;
        }
    }
}
