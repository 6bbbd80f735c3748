package io.batos.workbench.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.events.Event;
import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.ModelCore;
import io.batos.kernel.Vessel;
import io.batos.testing.ScriptedLanguageModel;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model panel's ViewModel on a real image, same-thread executor: no core, the demo core (label,
 * device, figures after one answer), a cancelled demo that records nothing, and a refused connect.
 */
class ModelViewModelTest {
    @TempDir
    Path dir;
    Vessel vessel;
    Kernel kernel;
    ModelViewModel viewModel;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        viewModel = new ModelViewModel(kernel, TaskExecutor.sameThread(), new Notifications());
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    @Test
    void anImageWithoutACoreSaysSoAndTryingItSaysHowToGetOne() {
        viewModel.refresh();
        assertThat(viewModel.nameProperty().get()).isEqualTo("no cognitive core");
        assertThat(viewModel.demoProperty().get()).isFalse();
        assertThat(viewModel.speedProperty().get()).isEqualTo("no answer yet in this session");
        viewModel.tryIt();
        assertThat(viewModel.getMessage()).contains("no cognitive core").contains("model demo")
                .doesNotContain("\n");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void theDemoCoreIsLabelledRunsOnTheCpuAndReportsItsSpeedAfterOneAnswer() {
        long before = vessel.image().lastTx();
        viewModel.demo();
        assertThat(viewModel.getMessage()).contains("scripted demo").contains("not a language model");
        assertThat(vessel.image().lastTx()).isGreaterThan(before);
        assertThat(viewModel.demoProperty().get()).isTrue();
        assertThat(viewModel.nameProperty().get()).contains("demo core, not a language model");
        assertThat(viewModel.deviceProperty().get()).startsWith("cpu (asked");

        viewModel.promptProperty().set("Say hello to the architect.");
        viewModel.tryIt();
        assertThat(viewModel.answerProperty().get()).startsWith("Hello, architect. I am the demo core");
        assertThat(viewModel.deviceProperty().get()).isEqualTo("cpu");
        assertThat(viewModel.deviceNoteProperty().get()).isEmpty();
        assertThat(viewModel.tokensPerSecondProperty().get()).isPositive();
        assertThat(viewModel.speedProperty().get()).matches("[0-9.]+ tokens/s, first token after [0-9]+ ms \\(\\d+ tokens, cpu\\)");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void cancellingTheDemoWhileItStoresItsFilesRecordsNothing() {
        long before = vessel.image().lastTx();
        List<String> progress = new ArrayList<>();
        viewModel.progressTextProperty().addListener((obs, old, text) -> {
            progress.add(text);
            if (text.startsWith("storing ")) {
                viewModel.cancel();
            }
        });
        viewModel.demo();
        assertThat(progress).anyMatch(t -> t.startsWith("storing ") && t.endsWith("]"));
        assertThat(viewModel.getMessage()).isEqualTo("cancelled");
        assertThat(vessel.image().lastTx()).isEqualTo(before);
        assertThat(vessel.cognitiveCore().record()).isEmpty();
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void connectRecordsTheServerAndABadUrlIsOneLineAndWritesNothing() {
        long before = vessel.image().lastTx();
        viewModel.connect("not a url", "");
        assertThat(viewModel.getMessage()).startsWith("not ").doesNotContain("\n");
        assertThat(vessel.image().lastTx()).isEqualTo(before);

        viewModel.connect("http://127.0.0.1:9/v1", "llama");
        assertThat(viewModel.getMessage()).isEqualTo("connected to http://127.0.0.1:9/v1");
        assertThat(viewModel.kindProperty().get()).isEqualTo(ModelCore.SERVER + " — http://127.0.0.1:9/v1");
        assertThat(viewModel.demoProperty().get()).isFalse();
    }

    @Test
    void aCyclesAnswerRefreshesTheFiguresAndOtherEventsDoNot() {
        ScriptedLanguageModel model = new ScriptedLanguageModel();
        vessel.cognitiveCore().attach(model);
        viewModel.refresh();
        assertThat(viewModel.kindProperty().get()).isEqualTo("attached");
        assertThat(viewModel.tokensPerSecondProperty().get()).isZero();
        model.generate(io.batos.cognition.llm.ChatRequest.of(null, "hi"),
                io.batos.cognition.llm.GenerationParams.GREEDY, null).join();
        viewModel.onEvent(Event.of("tx", "COMMIT", Map.of("note", "set @1.x")));
        assertThat(viewModel.tokensPerSecondProperty().get()).isZero();
        // The attached model itself was called, not the core's: only answers through the core count.
        vessel.cognitiveCore().model().join().generate(io.batos.cognition.llm.ChatRequest.of(null, "hi"),
                io.batos.cognition.llm.GenerationParams.GREEDY, null).join();
        viewModel.onEvent(Event.of("psm", "ARTIFACT_GENERATED", Map.of()));
        assertThat(viewModel.tokensPerSecondProperty().get()).isEqualTo(1.0);
    }
}
