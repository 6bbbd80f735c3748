package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.cognition.llm.ChatRequest;
import io.batos.cognition.llm.Completion;
import io.batos.cognition.llm.EngineOptions;
import io.batos.cognition.llm.FakeChatServer;
import io.batos.cognition.llm.GenerationParams;
import io.batos.cognition.llm.LanguageModel;
import io.batos.cognition.llm.ModelException;
import io.batos.cognition.llm.OnnxCausalLm;
import io.batos.cognition.llm.fixture.FixtureModel;
import io.batos.cognition.llm.fixture.ModelFixtures;
import io.batos.image.BlobRef;
import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import io.batos.testing.FileHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cognitive core incarnated in an image: imported into blobs, resurrected on every open
 * (blueprint BUG-02), refused when broken without touching the image, and connected to a server
 * without its key ever entering the image.
 */
class CognitiveCoreTest {
    private static final ChatRequest HELLO = ChatRequest.of(null, "Please say hello.");
    private static final GenerationParams TEN = GenerationParams.GREEDY.withMaxTokens(10);

    @TempDir
    Path dir;

    @AfterEach
    void clearConfig() {
        System.clearProperty("batos.config.dir");
    }

    @Test
    void anImportedModelIsResurrectedFromTheImageAloneOnEveryOpen() throws Exception {
        Path source = dir.resolve("tiny");
        FixtureModel fixture = ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA_EXTERNAL, source);
        Completion expected;
        try (OnnxCausalLm direct = OnnxCausalLm.open(source, EngineOptions.defaults("direct"))) {
            expected = direct.generate(HELLO, TEN, null).join();
        }
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            ModelCore core = new ModelImporter(vessel).importDirectory(source, "tiny", ModelImporter.Progress.NONE);
            assertThat(core.files().keySet()).containsExactlyInAnyOrderElementsOf(fixture.files());
            BlobRef data = core.files().get("model.onnx.data");
            assertThat(data.sha256()).isEqualTo(sha256(source.resolve("model.onnx.data")));
            assertThat(data.size()).isEqualTo(Files.size(source.resolve("model.onnx.data")));
            assertThat(core.architecture()).containsEntry("layers", 2L).containsEntry("kvHeads", 2L)
                    .containsEntry("headDim", 16L).containsEntry("layout", "optimum").containsEntry("dtype", "float");
            assertThat(vessel.cognitiveCore().record()).contains(core);
            assertThat(generate(vessel).tokenIds()).containsExactly(expected.tokenIds());
        }
        // The model's own directory goes away, and so does the vessel's materialised copy.
        deleteTree(source);
        try (Stream<Path> vessels = Files.list(image.resolve("vessel"))) {
            for (Path p : vessels.filter(p -> p.getFileName().toString().startsWith("model-")).toList()) {
                deleteTree(p);
            }
        }
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.EXISTING)) {
            Completion again = generate(vessel);
            assertThat(again.tokenIds()).containsExactly(expected.tokenIds());
            assertThat(vessel.cognitiveCore().model().join().description().name()).isEqualTo("tiny");
        }
    }

    @Test
    void aBrokenModelIsRefusedAndTheImageStaysExactlyAsItWas() throws Exception {
        Path source = dir.resolve("broken");
        ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA, source);
        Files.writeString(source.resolve("model.onnx"), "garbage");
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            Path log = image.resolve("image.log");
            Path index = image.resolve("index.db");
            String before = FileHash.fromChild(log, index);
            assertThatThrownBy(() -> new ModelImporter(vessel).importDirectory(source, null, ModelImporter.Progress.NONE))
                    .isInstanceOf(ModelException.class).hasMessageContaining("model.onnx").hasMessageNotContaining("\n");
            assertThat(vessel.cognitiveCore().record()).isEmpty();
            assertThat(vessel.image().blobs().list()).isEmpty();
            assertThat(FileHash.fromChild(log, index)).isEqualTo(before);
        }
    }

    @Test
    void withoutACoreOrWithAMissingBlobTheModelFailsClearlyAndTheRestWorks() throws Exception {
        Path image = dir.resolve("image");
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
            assertThatThrownBy(() -> vessel.cognitiveCore().model().join()).cause().isInstanceOf(ModelException.class)
                    .hasMessageStartingWith("this image has no cognitive core (import a model with `batos model import DIR`");
            Path source = dir.resolve("tiny");
            ModelFixtures.write(ModelFixtures.Kind.TINY_LLAMA, source);
            ModelCore core = new ModelImporter(vessel).importDirectory(source, "tiny", ModelImporter.Progress.NONE);
            Files.delete(vessel.image().blobs().path(core.files().get("tokenizer.json")));
        }
        try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.EXISTING)) {
            assertThatThrownBy(() -> vessel.cognitiveCore().model().join()).cause().isInstanceOf(ModelException.class)
                    .hasMessageMatching("the model file tokenizer.json \\(sha256 [0-9a-f]{64}\\) is missing from the"
                            + " image's blobs; import the model again");
            Kernel kernel = new Kernel(vessel, "test");
            kernel.set(kernel.lobby(), "stillAlive", true);
            assertThat(kernel.get(kernel.lobby(), "stillAlive")).isEqualTo(true);
        }
    }

    @Test
    void aServerCoreUsesItsKeyFromTheUsersConfigAndTheImageNeverHoldsIt() throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        String key = "sk-test-" + System.nanoTime();
        System.setProperty("batos.config.dir", config.toString());
        try (FakeChatServer server = FakeChatServer.start()) {
            server.answer(FakeChatServer.completion("Hello from the server.", "stop", 7, 4));
            Files.writeString(config.resolve(UserConfig.API_KEYS), "127.0.0.1:" + server.url().getPort() + "=" + key + "\n");
            Path image = dir.resolve("image");
            try (Vessel vessel = Vessel.open(image, LivingImage.OpenMode.CREATE)) {
                new ModelImporter(vessel).connect(server.url() + "/v1", "llama3");
                LanguageModel model = vessel.cognitiveCore().model().join();
                assertThat(model.description().backend()).isEqualTo("server");
                Completion c = model.generate(HELLO, TEN, null).join();
                assertThat(c.text()).isEqualTo("Hello from the server.");
                FakeChatServer.Request request = server.next();
                assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + key);
                assertThat(request.json().path("model").asText()).isEqualTo("llama3");
            }
            assertThat(new String(Files.readAllBytes(image.resolve("image.log")), StandardCharsets.ISO_8859_1))
                    .contains("llama3").doesNotContain(key);
            try (Vessel vessel = Vessel.openReadOnly(image);
                 Transaction tx = vessel.image().begin("read")) {
                ModelCore core = ModelCore.read(vessel.space(), tx).orElseThrow();
                assertThat(core.server()).isTrue();
                assertThat(core.url()).isEqualTo(server.url() + "/v1");
            }
        }
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        try (Vessel vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE)) {
            assertThatThrownBy(() -> new ModelImporter(vessel).connect("ftp://example.org", null))
                    .hasMessage("not an http(s) URL: ftp://example.org");
            assertThat(vessel.cognitiveCore().record()).isEmpty();
        }
    }

    private static Completion generate(Vessel vessel) {
        try {
            return vessel.cognitiveCore().model().thenCompose(m -> m.generate(HELLO, TEN, null)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
