package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoraAdapter;
import io.batos.cognition.llm.fixture.FixtureModel;
import io.batos.cognition.llm.fixture.LlamaWeights;
import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.cognition.llm.fixture.ReferenceLlama;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persona LoRA adapters in the engine, on the LoRA fixture: a persona with an adapter gets that
 * adapter's answer, which is the answer of the base weights with the adapter merged in; every other
 * request, before or after, gets the base model's.
 */
class LoraAdapterTest {
    @TempDir
    static Path dir;
    private static FixtureModel fixture;
    private static OnnxCausalLm lm;
    private static int[] base;

    private static final ChatRequest HELLO = ChatRequest.of(null, "Please say hello");
    private static final GenerationParams TWELVE = GenerationParams.GREEDY.withMaxTokens(12);

    @BeforeAll
    static void open() throws IOException {
        fixture = ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA_LORA, dir.resolve("lora"));
        lm = OnnxCausalLm.open(fixture.directory(), EngineOptions.defaults("x"));
        base = tokens(HELLO);
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    private static int[] tokens(ChatRequest request) {
        return lm.generate(request, TWELVE, null).join().tokenIds();
    }

    @Test
    void theFixtureComesWithAdaptersForBrickAndRobinOnly() {
        assertThat(lm.adapterPersonas()).containsExactlyInAnyOrder("BRICK", "ROBIN");
        assertThat(base).hasSize(12);
    }

    @Test
    void aPersonaWithoutAnAdapterGetsTheBaseModel() {
        assertThat(tokens(HELLO.withPersona("ALFRED"))).containsExactly(base);
        assertThat(tokens(HELLO.withPersona("BABS"))).containsExactly(base);
    }

    @Test
    void theZeroLoraInputsLeaveThePlainTinyModelsAnswer() throws IOException {
        FixtureModel plain = ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA, dir.resolve("plain"));
        try (OnnxCausalLm tiny = OnnxCausalLm.open(plain.directory(), EngineOptions.defaults("plain"))) {
            assertThat(tiny.generate(HELLO, TWELVE, null).join().tokenIds()).containsExactly(base);
        }
    }

    @Test
    void brickHasItsOwnReproducibleAnswer() {
        int[] brick = tokens(HELLO.withPersona("BRICK"));
        assertThat(brick).isNotEqualTo(base);
        assertThat(tokens(HELLO.withPersona("BRICK"))).containsExactly(brick);
    }

    @Test
    void robinsAdapterIsNotBricks() {
        int[] robin = tokens(HELLO.withPersona("ROBIN"));
        assertThat(robin).isNotEqualTo(base).isNotEqualTo(tokens(HELLO.withPersona("BRICK")));
    }

    @Test
    void anAdapterIsActiveForItsRequestOnlyEvenWhenRequestsQueueBackToBack() {
        int[] brick = tokens(HELLO.withPersona("BRICK"));
        // Enqueued together, so the inference thread runs them one after the other with nothing between.
        CompletableFuture<Completion> first = lm.generate(HELLO.withPersona("BRICK"), TWELVE, null);
        CompletableFuture<Completion> none = lm.generate(HELLO, TWELVE, null);
        CompletableFuture<Completion> robin = lm.generate(HELLO.withPersona("ROBIN"), TWELVE, null);
        CompletableFuture<Completion> alfred = lm.generate(HELLO.withPersona("ALFRED"), TWELVE, null);
        CompletableFuture<Completion> again = lm.generate(HELLO.withPersona("BRICK"), TWELVE, null);
        assertThat(first.join().tokenIds()).containsExactly(brick);
        assertThat(none.join().tokenIds()).containsExactly(base);
        assertThat(robin.join().tokenIds()).isNotEqualTo(brick).isNotEqualTo(base);
        assertThat(alfred.join().tokenIds()).containsExactly(base);
        assertThat(again.join().tokenIds()).containsExactly(brick);
    }

    @Test
    void brickAnswersAsTheBaseWeightsWithItsAdapterMergedIn() {
        LlamaWeights merged = ModelFixtures.adapters(ModelFixtures.Kind.TINY_LLAMA_LORA).get("BRICK")
                .mergedInto(ModelFixtures.weights(ModelFixtures.Kind.TINY_LLAMA_LORA));
        ReferenceLlama reference = new ReferenceLlama(merged);
        int[] sequence = lm.chatFormat().encode(HELLO);
        int[] expected = new int[12];
        for (int i = 0; i < expected.length; i++) {
            float[][] logits = reference.logits(sequence);
            expected[i] = Sampler.argmax(logits[logits.length - 1], logits[0].length);
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = expected[i];
        }
        assertThat(tokens(HELLO.withPersona("BRICK"))).containsExactly(expected);
    }

    @Test
    void theWrittenAdapterFilesLoadInOnnxRuntime() throws OrtException {
        for (String persona : lm.adapterPersonas()) {
            Path file = fixture.directory().resolve("adapters/" + persona + ".onnx_adapter");
            try (OrtLoraAdapter adapter = OrtLoraAdapter.create(file.toString())) {
                assertThat(adapter).as(persona).isNotNull();
            }
        }
    }
}
