package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.batos.cognition.llm.fixture.FixtureModel;
import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.cognition.llm.fixture.ReferenceLlama;
import io.batos.cognition.llm.fixture.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedded engine on the generated fixture models: the KV cache, the chat pipeline, sampling,
 * streaming, cancelling, and the messages for models and devices it cannot use.
 */
class OnnxCausalLmTest {
    @TempDir
    static Path fixtures;
    private static FixtureModel tiny;
    private static OnnxCausalLm model;

    @BeforeAll
    static void writeTheTinyModel() throws IOException {
        tiny = ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA, fixtures.resolve("tiny"));
        model = OnnxCausalLm.open(tiny.directory(), EngineOptions.defaults("tiny"));
    }

    @AfterAll
    static void closeIt() {
        model.close();
    }

    private static final ChatRequest HELLO = ChatRequest.of("You are terse.", "Please say hello to the architect.");

    @ParameterizedTest
    @EnumSource(value = ModelFixtures.Kind.class, names = {"TINY_LLAMA", "TINY_LLAMA_GENAI", "TINY_LLAMA_FP16",
            "TINY_LLAMA_EXTERNAL"})
    void cachedDecodingGivesTheTokensOfRerunningTheWholeSequence(ModelFixtures.Kind kind) throws IOException {
        FixtureModel fixture = ModelFixtures.write(kind, fixtures.resolve("cache-" + kind.cliName()));
        try (OnnxCausalLm lm = OnnxCausalLm.open(fixture.directory(), EngineOptions.defaults(kind.cliName()))) {
            assertThat(lm.signature().positionIds()).isEqualTo(kind != ModelFixtures.Kind.TINY_LLAMA_GENAI);
            int[] prompt = lm.chatFormat().encode(HELLO);
            Completion c = lm.generateTokens(prompt, GenerationParams.GREEDY.withMaxTokens(24), null).join();
            int[] generated = c.tokenIds();
            assertThat(generated).isNotEmpty();
            // Each cached step must pick the token a from-scratch run of the same sequence picks.
            for (int i = 0; i < generated.length; i++) {
                int[] sequence = concat(prompt, Arrays.copyOf(generated, i));
                float[] full = lm.logitsOfLastPosition(sequence);
                int best = Sampler.argmax(full, full.length);
                if (kind == ModelFixtures.Kind.TINY_LLAMA_FP16) {
                    // Half precision rounds differently along the two paths; only a near-tie may differ.
                    assertThat(full[generated[i]]).as("step %d", i).isCloseTo(full[best], within(2e-2f));
                } else {
                    assertThat(generated[i]).as("step %d", i).isEqualTo(best);
                }
            }
        }
    }

    @Test
    void theEnginesLogitsAgreeWithThePlainJavaForwardPass() {
        int[] ids = model.chatFormat().encode(HELLO);
        float[][] reference = new ReferenceLlama(ModelFixtures.weights(ModelFixtures.Kind.TINY_LLAMA)).logits(ids);
        float[] last = reference[reference.length - 1];
        float[] engine = model.logitsOfLastPosition(ids);
        for (int v = 0; v < last.length; v++) {
            assertThat(engine[v]).as("logit %d", v).isCloseTo(last[v], within(1e-4f));
        }
    }

    @Test
    void aLongPromptPrefilledInChunksAnswersTheSame() {
        try (OnnxCausalLm chunked = OnnxCausalLm.open(tiny.directory(), EngineOptions.defaults("tiny").withPrefillChunk(3))) {
            Completion whole = model.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(16), null).join();
            Completion pieces = chunked.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(16), null).join();
            assertThat(pieces.tokenIds()).containsExactly(whole.tokenIds());
            assertThat(pieces.promptTokens()).isEqualTo(whole.promptTokens()).isGreaterThan(3 * 4);
        }
    }

    @Test
    void theChatFormatIsLlama3sTokenForToken() {
        Vocabulary vocab = tiny.vocabulary();
        ChatRequest request = ChatRequest.of("Be brief.", "hi <|eot_id|> there");
        int[] ids = model.chatFormat().encode(request);
        assertThat(ids).containsExactly(model.tokenizer().encode(Llama3ChatFormat.render(request)));
        assertThat(Llama3ChatFormat.render(request)).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>"
                + "\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nhi <|eot_id|> there<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
        int doubleNewline = vocab.idOfText("\n\n");
        assertThat(Arrays.copyOf(ids, 4)).containsExactly(vocab.bos(), vocab.startHeader(), vocab.idOfText("system"),
                vocab.endHeader());
        assertThat(ids[4]).isEqualTo(doubleNewline);
        assertThat(Arrays.copyOfRange(ids, ids.length - 4, ids.length)).containsExactly(vocab.startHeader(),
                vocab.idOfText("assistant"), vocab.endHeader(), doubleNewline);
        assertThat(model.tokenizer().decode(ids, 0, ids.length, false)).isEqualTo(Llama3ChatFormat.render(request));
    }

    @Test
    void textStreamsInBatchesOnTheInferenceThreadAndAddsUpToTheAnswer() {
        List<String> batches = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger tokens = new AtomicInteger();
        Completion c = model.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(60), (text, n) -> {
            batches.add(text);
            threads.add(Thread.currentThread().getName());
            tokens.addAndGet(n);
        }).join();
        assertThat(String.join("", batches)).isEqualTo(c.text());
        assertThat(batches.size()).isLessThan(c.generatedTokens());
        assertThat(threads).allMatch(t -> t.equals(InferenceExecutor.THREAD_PREFIX + "cpu"));
        assertThat(tokens.get()).isBetween(c.generatedTokens() - 1, c.generatedTokens());
        assertThat(c.stopReason()).isIn(StopReason.MAX_TOKENS, StopReason.END_OF_TURN);
        assertThat(c.timeToFirstTokenMs()).isPositive();
        assertThat(c.device()).isEqualTo("cpu");
    }

    @Test
    void aStopStringEndsTheAnswerBeforeIt() {
        Completion free = model.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(40), null).join();
        String text = free.text();
        String stop = text.substring(text.length() / 2, text.length() / 2 + 3);
        Completion stopped = model.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(40).withStopStrings(List.of(stop)),
                null).join();
        assertThat(stopped.stopReason()).isEqualTo(StopReason.STOP_STRING);
        assertThat(stopped.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
    }

    @Test
    void maxTokensAndSeededSampling() {
        GenerationParams sampling = GenerationParams.GREEDY.withMaxTokens(12).withSampling(1.0, 7);
        Completion a = model.generate(HELLO, sampling, null).join();
        Completion b = model.generate(HELLO, sampling, null).join();
        Completion other = model.generate(HELLO, sampling.withSampling(1.0, 8), null).join();
        assertThat(a.tokenIds()).containsExactly(b.tokenIds());
        assertThat(other.tokenIds()).isNotEqualTo(a.tokenIds());
        Completion greedy = model.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(5), null).join();
        assertThat(greedy.generatedTokens()).isLessThanOrEqualTo(5);
        if (greedy.stopReason() == StopReason.MAX_TOKENS) {
            assertThat(greedy.generatedTokens()).isEqualTo(5);
        }
    }

    @Test
    void cancellingStopsTheGenerationAndFreesTheThread() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        AtomicInteger afterCancel = new AtomicInteger();
        CompletableFuture<?>[] running = new CompletableFuture<?>[1];
        GenerationParams endless = GenerationParams.GREEDY.withMaxTokens(100_000);
        running[0] = model.generateTokens(new int[] {tiny.vocabulary().bos()}, endless, (text, n) -> {
            if (running[0] != null && running[0].isCancelled()) {
                afterCancel.incrementAndGet();
            }
            first.countDown();
        });
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(running[0].cancel(true)).isTrue();
        // The thread is free again at once: this answer does not wait behind 2,000 tokens.
        Completion next = model.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(4), null).get(10, TimeUnit.SECONDS);
        assertThat(next.generatedTokens()).isPositive();
        assertThat(afterCancel.get()).isLessThanOrEqualTo(1);
        assertThatThrownBy(running[0]::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void theContextWindowEndsAGenerationAndRefusesAPromptThatDoesNotFit() throws IOException {
        Path small = copy(tiny.directory(), fixtures.resolve("small-context"));
        Path config = small.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceAll("\"max_position_embeddings\"\\s*:\\s*\\d+",
                "\"max_position_embeddings\": 40"));
        try (OnnxCausalLm lm = OnnxCausalLm.open(small, EngineOptions.defaults("small"))) {
            assertThat(lm.contextLength()).isEqualTo(40);
            int[] prompt = new int[30];
            Arrays.fill(prompt, tiny.vocabulary().idOfText(" the"));
            Completion c = lm.generateTokens(prompt, GenerationParams.GREEDY.withMaxTokens(100), null).join();
            if (c.stopReason() != StopReason.END_OF_TURN) {
                assertThat(c.stopReason()).isEqualTo(StopReason.CONTEXT_FULL);
                assertThat(c.promptTokens() + c.generatedTokens()).isEqualTo(40);
            }
            assertThatThrownBy(() -> lm.generateTokens(new int[45], GenerationParams.GREEDY, null).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(ModelException.class)
                    .hasMessage("the prompt has 45 tokens; the model's context holds 40");
        }
    }

    @Test
    void aCorruptOrIncompleteModelIsOneClearLine() throws IOException {
        Path corrupt = copy(tiny.directory(), fixtures.resolve("corrupt"));
        Files.write(corrupt.resolve("model.onnx"), "this is not a protobuf".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> OnnxCausalLm.open(corrupt, EngineOptions.defaults("x")))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("cannot load " + corrupt.resolve("model.onnx") + ": ")
                .hasMessageNotContaining("\n");
        Path noTokenizer = copy(tiny.directory(), fixtures.resolve("no-tokenizer"));
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertThatThrownBy(() -> OnnxCausalLm.open(noTokenizer, EngineOptions.defaults("x")))
                .isInstanceOf(ModelException.class).hasMessage("no tokenizer.json in " + noTokenizer);
        assertThatThrownBy(() -> OnnxCausalLm.open(fixtures.resolve("nowhere"), EngineOptions.defaults("x")))
                .isInstanceOf(ModelException.class).hasMessage("no model directory at " + fixtures.resolve("nowhere"));
    }

    @Test
    void aGenaiModelThatNeedsSharedKvBuffersIsRefusedWithTheReason() throws IOException {
        // A shared-buffer export allocates its past at the full context length: a fixed dimension
        // where the engine feeds a growing one.
        FixtureModel genai = ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA_GENAI, fixtures.resolve("shared-kv"));
        ai.onnx.proto.OnnxMl.ModelProto.Builder proto = ai.onnx.proto.OnnxMl.ModelProto
                .parseFrom(Files.readAllBytes(genai.modelFile())).toBuilder();
        for (ai.onnx.proto.OnnxMl.ValueInfoProto.Builder input : proto.getGraphBuilder().getInputBuilderList()) {
            if (input.getName().startsWith("past_key_values.")) {
                input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(2).clear().setDimValue(2048);
            }
        }
        Files.write(genai.modelFile(), proto.build().toByteArray());
        assertThatThrownBy(() -> OnnxCausalLm.open(genai.directory(), EngineOptions.defaults("shared")))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("this onnxruntime-genai model does not run without shared past/present buffers,"
                        + " which ONNX Runtime's Java API cannot provide (no IO binding): ")
                .hasMessageEndingWith("(export it with Optimum instead, or serve it and use `batos model connect`)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void cudaOnThisCpuBuildFailsWithTheReasonOrFallsBackWhenAllowed() {
        assertThatThrownBy(() -> OnnxCausalLm.open(tiny.directory(), EngineOptions.defaults("x").withDevice(Device.parse("cuda"))))
                .isInstanceOf(ModelException.class)
                .hasMessage("cannot run on cuda:0: this build has the CPU-only ONNX Runtime (build with -Pcuda for CUDA 12 + cuDNN 9)");
        try (OnnxCausalLm fallback = OnnxCausalLm.open(tiny.directory(),
                EngineOptions.defaults("x").withDevice(Device.parse("cuda,cpu")))) {
            assertThat(fallback.description().device()).isEqualTo("cpu");
            assertThat(fallback.description().note()).isEqualTo("running on cpu because this build has the CPU-only"
                    + " ONNX Runtime (build with -Pcuda for CUDA 12 + cuDNN 9)");
            assertThat(fallback.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(3), null).join().device())
                    .isEqualTo("cpu");
        }
    }

    @Test
    void aPersonaWithoutAdapterUsesTheBaseModelAndABrokenAdapterIsNamed() throws IOException {
        Path withAdapter = copy(tiny.directory(), fixtures.resolve("adapters"));
        Files.createDirectories(withAdapter.resolve("adapters"));
        Files.writeString(withAdapter.resolve("adapters/BRICK.onnx_adapter"), "not a flatbuffer");
        try (OnnxCausalLm lm = OnnxCausalLm.open(withAdapter, EngineOptions.defaults("x"))) {
            assertThat(lm.adapterPersonas()).containsExactly("BRICK");
            Completion base = lm.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(8), null).join();
            Completion robin = lm.generate(HELLO.withPersona("ROBIN"), GenerationParams.GREEDY.withMaxTokens(8), null).join();
            assertThat(robin.tokenIds()).containsExactly(base.tokenIds());
            assertThatThrownBy(() -> lm.generate(HELLO.withPersona("BRICK"), GenerationParams.GREEDY, null).join())
                    .cause().isInstanceOf(ModelException.class)
                    .hasMessageStartingWith("cannot load the LoRA adapter of persona BRICK (BRICK.onnx_adapter): ");
        }
    }

    @Test
    void multiByteCharactersSplitAcrossTokensComeOutWhole() {
        String text = "héllo → 🙂 naïve 漢字";
        int[] ids = model.tokenizer().encode(text);
        assertThat(ids.length).isGreaterThan(text.codePointCount(0, text.length()));
        IncrementalDecoder decoder = new IncrementalDecoder(model.tokenizer());
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            String piece = decoder.add(id);
            assertThat(piece).doesNotContain("\uFFFD");
            out.append(piece);
        }
        out.append(decoder.finish());
        assertThat(out).hasToString(text);
    }

    @Test
    void openingFromAThreadWithASmallStackIsSafe() throws Exception {
        // Session set-up overflowed a 1 MiB stack in native code and killed the JVM; open() must
        // therefore do its work on the inference thread, whatever thread calls it.
        OnnxCausalLm[] opened = new OnnxCausalLm[1];
        Thread small = new Thread(null, () -> opened[0] = OnnxCausalLm.open(tiny.directory(),
                EngineOptions.defaults("small stack")), "small-stack", 1L << 20);
        small.start();
        small.join(30_000);
        try (OnnxCausalLm lm = opened[0]) {
            assertThat(lm).isNotNull();
            assertThat(lm.generate(HELLO, GenerationParams.GREEDY.withMaxTokens(2), null).join().generatedTokens())
                    .isPositive();
        }
    }

    @Test
    void aClosedModelRefusesWork() {
        OnnxCausalLm lm = OnnxCausalLm.open(tiny.directory(), EngineOptions.defaults("closing"));
        lm.close();
        assertThatThrownBy(() -> lm.generate(HELLO, GenerationParams.GREEDY, null).join())
                .cause().isInstanceOf(ModelException.class).hasMessage("model closing is closed");
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
