package io.batos.cognition.llm;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtLoraAdapter;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Llama 3 ONNX export run by ONNX Runtime in this process: the embedded cognitive core.
 *
 * <p>Loads a {@link ModelDirectory}, reads the graph's {@link ModelSignature} from the session, and
 * decodes with a {@link KvCache}: the prompt is prefilled in chunks of at most
 * {@link EngineOptions#prefillChunk()} tokens, then one token per run, each run fed the previous
 * run's {@code present.*} tensors. Decode steps write their logits into one pinned direct buffer,
 * so the Java side of a step is sampling and a short incremental decode. All of it runs on the
 * device's {@link InferenceExecutor} thread; {@link #generate} only enqueues.
 *
 * <p>Cancelling a generation's future stops it at the next step and also tells ONNX Runtime to
 * abandon the run in progress ({@code RunOptions.setTerminate}), so a long prefill stops too.
 */
public final class OnnxCausalLm implements LanguageModel {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelSignature signature;
    private final ModelTokenizer tokenizer;
    private final Llama3ChatFormat chat;
    private final Set<Integer> eos;
    private final int contextLength;
    private final EngineOptions options;
    private final ModelDescription description;
    private final ExecutorService executor;
    private final Map<String, Path> adapterFiles;
    private final Map<String, OrtLoraAdapter> adapters = new HashMap<>();
    private final Set<Generation> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile DecodeStats lastStats = new DecodeStats(0, 0, 0);

    /**
     * Where the time of a generation's decode steps went: {@code cycleNanos} from the end of one
     * step's run to the end of the next (sampling, detokenizing, stop checks, building inputs and
     * the run), {@code runNanos} inside {@code OrtSession.run} alone. The difference is the Java
     * side's overhead, which the generate benchmark reports.
     */
    public record DecodeStats(int steps, long runNanos, long cycleNanos) {
        /** The share of a decode step spent outside {@code session.run}. */
        public double overhead() {
            return cycleNanos == 0 ? 0 : 1.0 - (double) runNanos / cycleNanos;
        }
    }

    /** The decode-step figures of the last generation that finished. */
    public DecodeStats lastStats() {
        return lastStats;
    }

    private OnnxCausalLm(ModelDirectory dir, EngineOptions options) {
        this.options = options;
        // ONNX Runtime's own log would print its errors a second time, in colour, on stderr: every
        // one of them reaches the user as a ModelException's one line instead.
        this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "batos");
        this.tokenizer = ModelTokenizer.load(dir.tokenizerFile());
        SessionFactory.Opened opened;
        try {
            this.chat = new Llama3ChatFormat(tokenizer);
            opened = SessionFactory.open(env, dir.modelFile(), options);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        this.session = opened.session();
        try {
            this.signature = ModelSignature.of(session);
            this.eos = endOfSequenceIds(dir, tokenizer, chat);
            this.contextLength = dir.contextLength();
            this.adapterFiles = dir.adapters();
            this.description = new ModelDescription(options.name(), "onnx", opened.device(), opened.note(),
                    options.demo() || dir.isDemo());
            this.executor = InferenceExecutor.forDevice(opened.device());
            probe(dir);
        } catch (RuntimeException e) {
            closeNative();
            throw e;
        }
    }

    /**
     * Loads a model directory, waiting for it: the work runs on the device's inference thread,
     * whose large stack ONNX Runtime's session set-up needs (seconds for a real model: never call
     * this on a UI thread; {@link #load} does not wait).
     *
     * @throws ModelException naming what is missing, corrupt or unsupported
     */
    public static OnnxCausalLm open(Path dir, EngineOptions options) {
        if (InferenceExecutor.onInferenceThread()) {
            return new OnnxCausalLm(ModelDirectory.open(dir), options);
        }
        try {
            return load(dir, options).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ModelException(String.valueOf(e.getCause()), e);
        }
    }

    /** Loads a model directory on the inference thread of the requested device. */
    public static CompletableFuture<OnnxCausalLm> load(Path dir, EngineOptions options) {
        return CompletableFuture.supplyAsync(() -> new OnnxCausalLm(ModelDirectory.open(dir), options),
                InferenceExecutor.forDevice(options.device().runsOn()));
    }

    public ModelSignature signature() {
        return signature;
    }

    /** The model's context window in tokens (0 when its configs do not say). */
    public int contextLength() {
        return contextLength;
    }

    public ModelTokenizer tokenizer() {
        return tokenizer;
    }

    public Llama3ChatFormat chatFormat() {
        return chat;
    }

    @Override
    public ModelDescription description() {
        return description;
    }

    @Override
    public CompletableFuture<Completion> generate(ChatRequest request, GenerationParams params, TokenListener listener) {
        return start(new Generation(request, null, params, listener));
    }

    /**
     * Continues a prompt given as token ids, with no chat format around it (benchmarks, and tests
     * that compare against re-running a sequence).
     */
    public CompletableFuture<Completion> generateTokens(int[] prompt, GenerationParams params, TokenListener listener) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("an empty prompt");
        }
        return start(new Generation(null, prompt.clone(), params, listener));
    }

    private CompletableFuture<Completion> start(Generation g) {
        if (closed) {
            g.future.completeExceptionally(new ModelException("model " + description.name() + " is closed"));
            return g.future;
        }
        g.future.whenComplete((v, e) -> {
            if (g.future.isCancelled()) {
                g.terminate();
            }
        });
        try {
            executor.execute(() -> g.run());
        } catch (RejectedExecutionException e) {
            g.future.completeExceptionally(new ModelException("model " + description.name() + " is closed"));
        }
        return g.future;
    }

    /**
     * Runs {@code ids} through the model from position 0 and returns the logits of the last
     * position (for tests and benchmarks that compare against re-running the whole sequence).
     */
    public float[] logitsOfLastPosition(int[] ids) {
        return submit(() -> {
            try (KvCache cache = new KvCache(env, signature)) {
                float[] row = new float[signature.vocabSize()];
                forward(cache, ids, 0, ids.length, null, row);
                return row;
            }
        });
    }

    /** One generation: its request, its future, and the run options a cancel terminates. */
    private final class Generation {
        final ChatRequest request;
        final int[] prompt;
        final GenerationParams params;
        final TokenListener listener;
        final CompletableFuture<Completion> future = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
        private OrtSession.RunOptions runOptions;
        private boolean terminated;

        Generation(ChatRequest request, int[] prompt, GenerationParams params, TokenListener listener) {
            this.request = request;
            this.prompt = prompt;
            this.params = params;
            this.listener = listener == null ? TokenListener.NONE : listener;
        }

        synchronized void terminate() {
            terminated = true;
            if (runOptions != null) {
                try {
                    runOptions.setTerminate(true);
                } catch (OrtException ignored) {
                    // The step-level check stops the generation anyway.
                }
            }
        }

        void run() {
            if (future.isDone()) {
                return;
            }
            running.add(this);
            try (OrtSession.RunOptions ro = new OrtSession.RunOptions()) {
                try {
                    synchronized (this) {
                        runOptions = ro;
                        if (terminated) {
                            return;
                        }
                    }
                    activateAdapter(ro, request == null ? null : request.persona());
                    future.complete(decode(this, ro));
                } finally {
                    // Before the options close: a late cancel must not touch closed options.
                    synchronized (this) {
                        runOptions = null;
                    }
                }
            } catch (CancellationException e) {
                future.cancel(false);
            } catch (OrtException e) {
                if (!future.isCancelled()) {
                    future.completeExceptionally(new ModelException(
                            "inference failed: " + SessionFactory.firstLine(e.getMessage()), e));
                }
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e instanceof ModelException ? e
                        : new ModelException("inference failed: " + e, e));
            } finally {
                running.remove(this);
            }
        }

        void checkCancelled() {
            if (future.isCancelled() || closed) {
                throw new CancellationException();
            }
        }
    }

    private Completion decode(Generation g, OrtSession.RunOptions ro) throws OrtException {
        GenerationParams params = g.params;
        int[] prompt = g.prompt != null ? g.prompt : chat.encode(g.request);
        if (contextLength > 0 && prompt.length >= contextLength) {
            throw new ModelException("the prompt has " + prompt.length + " tokens; the model's context holds "
                    + contextLength);
        }
        int vocab = signature.vocabSize();
        float[] row = new float[vocab];
        Sampler sampler = new Sampler(params);
        sampler.remember(prompt);
        IncrementalDecoder decoder = new IncrementalDecoder(tokenizer);
        StopStrings stops = new StopStrings(params.stopStrings());
        TokenBatcher batcher = new TokenBatcher(g.listener);
        StringBuilder text = new StringBuilder();
        int[] generated = new int[Math.min(params.maxTokens(), 4096)];
        int count = 0;
        long firstNanos = 0;
        long lastNanos = 0;
        StopReason reason = StopReason.MAX_TOKENS;
        long cycleStart = 0;
        long cycleNanos = 0;
        int steps = 0;
        try (KvCache cache = new KvCache(env, signature); DecodeStep step = new DecodeStep()) {
            for (int start = 0; start < prompt.length; start += options.prefillChunk()) {
                g.checkCancelled();
                int end = Math.min(prompt.length, start + options.prefillChunk());
                forward(cache, prompt, start, end, ro, end == prompt.length ? row : null);
            }
            while (true) {
                int next = sampler.next(row, vocab);
                lastNanos = System.nanoTime();
                if (count == 0) {
                    firstNanos = lastNanos;
                }
                if (count == generated.length) {
                    generated = Arrays.copyOf(generated, count * 2);
                }
                generated[count++] = next;
                sampler.remember(next);
                if (eos.contains(next)) {
                    reason = StopReason.END_OF_TURN;
                    break;
                }
                String shown = stops.accept(decoder.add(next));
                text.append(shown);
                batcher.add(shown, 1);
                if (stops.stopped()) {
                    reason = StopReason.STOP_STRING;
                    break;
                }
                if (count >= params.maxTokens()) {
                    reason = StopReason.MAX_TOKENS;
                    break;
                }
                if (contextLength > 0 && cache.length() + 1 >= contextLength) {
                    reason = StopReason.CONTEXT_FULL;
                    break;
                }
                g.checkCancelled();
                step.run(cache, next, ro, row);
                long now = System.nanoTime();
                if (cycleStart != 0) {
                    cycleNanos += now - cycleStart;
                    steps++;
                }
                cycleStart = now;
            }
            lastStats = new DecodeStats(steps, step.runNanos - step.firstRunNanos, cycleNanos);
        }
        if (reason != StopReason.STOP_STRING) {
            String rest = stops.accept(decoder.finish());
            rest = stops.stopped() ? rest : rest + stops.drain();
            text.append(rest);
            batcher.add(rest, 0);
        }
        batcher.flush();
        double ttftMs = (firstNanos - g.startNanos) / 1e6;
        double perSecond = count > 1 ? (count - 1) / ((lastNanos - firstNanos) / 1e9) : 0;
        return new Completion(text.toString(), Arrays.copyOf(generated, count), prompt.length, count, reason, ttftMs,
                perSecond, description.device());
    }

    /**
     * One decode step: the inputs of a single token reuse direct buffers, and the logits land in a
     * pinned tensor, so a step allocates only the attention-mask view and the native run.
     */
    private final class DecodeStep implements AutoCloseable {
        private final LongBuffer idBuffer = direct(1);
        private final LongBuffer positionBuffer = direct(1);
        private final OnnxTensor ids;
        private final OnnxTensor positions;
        private final OnnxTensor logits;
        private final FloatBuffer floatLogits;
        private final ShortBuffer halfLogits;
        private final Map<String, OnnxTensor> pinned;
        private final Set<String> presents;
        /** All ones: each step's attention mask is a view of its first {@code past + 1} entries. */
        private LongBuffer ones = direct(0);
        long runNanos;
        long firstRunNanos = -1;

        DecodeStep() throws OrtException {
            long[] one = {1, 1};
            ids = OnnxTensor.createTensor(env, idBuffer, one);
            positions = OnnxTensor.createTensor(env, positionBuffer, one);
            int vocab = signature.vocabSize();
            long[] shape = {1, 1, vocab};
            if (signature.logitsType() == OnnxJavaType.FLOAT16) {
                halfLogits = ByteBuffer.allocateDirect(vocab * 2).order(ByteOrder.nativeOrder()).asShortBuffer();
                floatLogits = null;
                logits = OnnxTensor.createTensor(env, halfLogits, shape, OnnxJavaType.FLOAT16);
            } else {
                floatLogits = ByteBuffer.allocateDirect(vocab * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
                halfLogits = null;
                logits = OnnxTensor.createTensor(env, floatLogits, shape);
            }
            pinned = Map.of(ModelSignature.LOGITS, logits);
            presents = new LinkedHashSet<>();
            for (int i = 0; i < signature.layers(); i++) {
                presents.add(signature.presentKey()[i]);
                presents.add(signature.presentValue()[i]);
            }
        }

        void run(KvCache cache, int token, OrtSession.RunOptions ro, float[] row) throws OrtException {
            int past = cache.length();
            idBuffer.put(0, token);
            positionBuffer.put(0, past);
            Map<String, OnnxTensorLike> inputs = new HashMap<>();
            inputs.put(ModelSignature.INPUT_IDS, ids);
            if (signature.positionIds()) {
                inputs.put(ModelSignature.POSITION_IDS, positions);
            }
            cache.feed(inputs);
            int length = past + 1;
            if (ones.capacity() < length) {
                ones = direct(Math.max(length, Math.max(256, ones.capacity() * 2)));
                for (int i = 0; i < ones.capacity(); i++) {
                    ones.put(i, 1L);
                }
            }
            try (OnnxTensor mask = OnnxTensor.createTensor(env, ones.duplicate().position(0).limit(length),
                    new long[] {1, length})) {
                inputs.put(ModelSignature.ATTENTION_MASK, mask);
                long t0 = System.nanoTime();
                OrtSession.Result result = session.run(inputs, presents, pinned, ro);
                long spent = System.nanoTime() - t0;
                runNanos += spent;
                if (firstRunNanos < 0) {
                    // The first step's cycle is not measured (it starts after prefill), nor is its run.
                    firstRunNanos = spent;
                }
                cache.advance(result, 1);
            }
            if (floatLogits != null) {
                floatLogits.get(0, row, 0, row.length);
            } else {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Fp16Conversions.fp16ToFloat(halfLogits.get(i));
                }
            }
        }

        @Override
        public void close() {
            ids.close();
            positions.close();
            logits.close();
        }
    }

    /** Runs {@code prompt[start, end)} after what the cache holds; fills {@code row} with the last logits. */
    private void forward(KvCache cache, int[] prompt, int start, int end, OrtSession.RunOptions ro, float[] row)
            throws OrtException {
        int n = end - start;
        int past = cache.length();
        LongBuffer idBuffer = direct(n);
        LongBuffer posBuffer = direct(n);
        for (int i = 0; i < n; i++) {
            idBuffer.put(i, prompt[start + i]);
            posBuffer.put(i, past + i);
        }
        long[] shape = {1, n};
        Map<String, OnnxTensorLike> inputs = new HashMap<>();
        try (OnnxTensor ids = OnnxTensor.createTensor(env, idBuffer, shape);
             OnnxTensor positions = OnnxTensor.createTensor(env, posBuffer, shape);
             OnnxTensor mask = attentionMask(past + n)) {
            inputs.put(ModelSignature.INPUT_IDS, ids);
            inputs.put(ModelSignature.ATTENTION_MASK, mask);
            if (signature.positionIds()) {
                inputs.put(ModelSignature.POSITION_IDS, positions);
            }
            cache.feed(inputs);
            OrtSession.Result result = ro == null ? session.run(inputs) : session.run(inputs, ro);
            if (row != null) {
                OnnxTensor logits = (OnnxTensor) result.get(ModelSignature.LOGITS).orElseThrow();
                int vocab = signature.vocabSize();
                int offset = (n - 1) * vocab;
                if (signature.logitsType() == OnnxJavaType.FLOAT16) {
                    ShortBuffer half = logits.getShortBuffer();
                    for (int i = 0; i < vocab; i++) {
                        row[i] = Fp16Conversions.fp16ToFloat(half.get(offset + i));
                    }
                } else {
                    logits.getFloatBuffer().get(offset, row, 0, vocab);
                }
            }
            cache.advance(result, n);
        }
    }

    private OnnxTensor attentionMask(int length) throws OrtException {
        LongBuffer ones = direct(length);
        for (int i = 0; i < length; i++) {
            ones.put(i, 1L);
        }
        return OnnxTensor.createTensor(env, ones, new long[] {1, length});
    }

    private static LongBuffer direct(int n) {
        return ByteBuffer.allocateDirect(Math.max(n, 1) * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer()
                .limit(n);
    }

    private void activateAdapter(OrtSession.RunOptions ro, String persona) throws OrtException {
        if (persona == null || !adapterFiles.containsKey(persona)) {
            return;
        }
        OrtLoraAdapter adapter = adapters.get(persona);
        if (adapter == null) {
            try {
                adapter = OrtLoraAdapter.create(adapterFiles.get(persona).toString());
            } catch (OrtException e) {
                throw new ModelException("cannot load the LoRA adapter of persona " + persona + " ("
                        + adapterFiles.get(persona).getFileName() + "): " + SessionFactory.firstLine(e.getMessage()), e);
            }
            adapters.put(persona, adapter);
        }
        ro.addActiveLoraAdapter(adapter);
    }

    /** The personas that have a LoRA adapter in the model directory. */
    public Set<String> adapterPersonas() {
        return adapterFiles.keySet();
    }

    /** A one-token run at load: catches a graph ONNX Runtime cannot execute before the first request. */
    private void probe(ModelDirectory dir) {
        try (KvCache cache = new KvCache(env, signature)) {
            int[] one = {chat.endOfTurn()};
            forward(cache, one, 0, 1, null, null);
        } catch (OrtException e) {
            String why = SessionFactory.firstLine(e.getMessage());
            if (!signature.positionIds() && dir.hasGenaiConfig()) {
                throw new ModelException("this onnxruntime-genai model does not run without shared past/present"
                        + " buffers, which ONNX Runtime's Java API cannot provide (no IO binding): " + why
                        + " (export it with Optimum instead, or serve it and use `batos model connect`)", e);
            }
            throw new ModelException("model.onnx cannot run a one-token prompt: " + why, e);
        }
    }

    private static Set<Integer> endOfSequenceIds(ModelDirectory dir, ModelTokenizer tokenizer, Llama3ChatFormat chat) {
        Set<Integer> ids = new HashSet<>(dir.eosTokenIds());
        ids.add(chat.endOfTurn());
        tokenizer.tokenId(Llama3ChatFormat.END_OF_TEXT).ifPresent(ids::add);
        String eosToken = dir.eosToken();
        if (eosToken != null) {
            tokenizer.tokenId(eosToken).ifPresent(ids::add);
        }
        return Set.copyOf(ids);
    }

    private <T> T submit(java.util.concurrent.Callable<T> work) {
        if (InferenceExecutor.onInferenceThread()) {
            try {
                return work.call();
            } catch (Exception e) {
                throw wrap(e);
            }
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw wrap(e);
                }
            }, executor).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ModelException m ? m : wrap(e.getCause());
        }
    }

    private static ModelException wrap(Throwable e) {
        return e instanceof ModelException m ? m
                : new ModelException("inference failed: " + SessionFactory.firstLine(e.getMessage()), e);
    }

    /**
     * Cancels what is running, then releases the session on the inference thread (never while a
     * run is in progress there).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        running.forEach(g -> {
            g.future.cancel(false);
            g.terminate();
        });
        if (InferenceExecutor.onInferenceThread()) {
            closeNative();
            return;
        }
        try {
            CompletableFuture.runAsync(this::closeNative, executor).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // The process is going away or the thread is stuck in native code; nothing more to do.
        }
    }

    private void closeNative() {
        adapters.values().forEach(OrtLoraAdapter::close);
        adapters.clear();
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing is best effort: the session's memory goes with the process anyway.
        }
        tokenizer.close();
    }
}
