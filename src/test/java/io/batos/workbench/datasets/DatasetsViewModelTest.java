package io.batos.workbench.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.events.Event;
import io.batos.image.LivingImage;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import io.batos.memory.flywheel.ChatExample;
import io.batos.memory.flywheel.DatasetExample;
import io.batos.memory.flywheel.ReviewStatus;
import io.batos.workbench.Notifications;
import io.batos.workbench.RememberedCycles;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset review's ViewModel on a real image with one curated dataset, with a same-thread executor. */
class DatasetsViewModelTest {
    @TempDir
    Path dir;

    private Vessel vessel;
    private Kernel kernel;
    private Notifications notifications;
    private DatasetsViewModel viewModel;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        RememberedCycles.remember(vessel);
        RememberedCycles.curate(vessel);
        notifications = new Notifications();
        viewModel = new DatasetsViewModel(kernel, TaskExecutor.sameThread(), notifications);
        viewModel.refresh();
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    @Test
    void theCuratedDatasetIsSelectedWithItsFirstExampleSplitIntoPromptAndCompletion() {
        assertThat(viewModel.datasets()).hasSize(1);
        assertThat(viewModel.selectedDatasetProperty().get().id()).isEqualTo("1");
        assertThat(viewModel.examples()).hasSize(3).allMatch(e -> e.status() == ReviewStatus.PENDING);
        DatasetExample first = viewModel.selectedExampleProperty().get();
        assertThat(first.number()).isEqualTo(1);
        ChatExample chat = first.curated();
        assertThat(viewModel.promptProperty().get()).isEqualTo(chat.user()).startsWith("Write the method ");
        assertThat(viewModel.completionProperty().get()).isEqualTo(chat.assistant()).contains(first.selector());
        assertThat(viewModel.systemPromptProperty().get()).isEqualTo(chat.messages().get(0).content()).isNotBlank();
        assertThat(viewModel.provenanceProperty().get()).startsWith("pending — " + first.selector() + " — from cycle ");
    }

    @Test
    void acceptEditAndExportAreRecordedAndTheExportFollowsThem() throws Exception {
        viewModel.selectExample(1);
        viewModel.accept();
        assertThat(notifications.messageProperty().get()).startsWith("accepted example 1 of dataset 1 (tx ");
        assertThat(viewModel.selectedExampleProperty().get().status()).isEqualTo(ReviewStatus.ACCEPTED);

        viewModel.selectExample(2);
        ChatExample curated = viewModel.selectedExampleProperty().get().curated();
        viewModel.startEdit();
        assertThat(viewModel.draftProperty().get()).isEqualTo(curated.assistant());
        viewModel.draftProperty().set("Object better(UvmObject self, Object... args) { return 2L; }");
        viewModel.saveEdit();
        assertThat(viewModel.editingProperty().get()).isFalse();
        assertThat(viewModel.selectedExampleProperty().get().number()).isEqualTo(2);
        assertThat(viewModel.completionProperty().get()).startsWith("Object better(");
        assertThat(kernel.dataset("1").examples()).extracting(DatasetExample::status)
                .containsExactly(ReviewStatus.ACCEPTED, ReviewStatus.EDITED, ReviewStatus.PENDING);

        Path out = dir.resolve("out/accepted.jsonl");
        viewModel.acceptedOnlyProperty().set(true);
        viewModel.export(out);
        assertThat(notifications.messageProperty().get())
                .isEqualTo("exported 2 examples of dataset 1 to " + out.toAbsolutePath() + " (1 left out)");
        List<ChatExample> lines = Files.readAllLines(out).stream().map(ChatExample::parse).toList();
        assertThat(lines).containsExactly(kernel.dataset("1").examples().get(0).curated(),
                curated.withAssistant("Object better(UvmObject self, Object... args) { return 2L; }"));
    }

    @Test
    void rejectedExamplesNeverLeaveAndAnEmptyEditWritesNothing() throws Exception {
        viewModel.selectExample(3);
        viewModel.reject();
        long before = vessel.image().lastTx();
        viewModel.startEdit();
        viewModel.draftProperty().set("   ");
        viewModel.saveEdit();
        assertThat(viewModel.statusProperty().get()).isEqualTo("an edited completion cannot be empty");
        assertThat(viewModel.editingProperty().get()).as("the editor stays open").isTrue();
        assertThat(vessel.image().lastTx()).isEqualTo(before);
        viewModel.cancelEdit();

        viewModel.acceptedOnlyProperty().set(false);
        viewModel.export(dir.resolve("all.jsonl"));
        assertThat(Files.readAllLines(dir.resolve("all.jsonl"))).hasSize(2);
        assertThat(viewModel.statusProperty().get()).contains("(1 left out)");
    }

    @Test
    void aCuratedAnnouncementIsToldAndReloadsTheList() {
        DatasetsViewModel fresh = new DatasetsViewModel(kernel, TaskExecutor.sameThread(), notifications);
        assertThat(fresh.datasets()).isEmpty();
        fresh.onEvent(Event.of("dataset", "DATASET_CURATED", Map.of("datasetId", "1", "missionType", "method",
                "examples", 3L, "message", "A new dataset with 3 examples of successful method generation is ready")));
        assertThat(notifications.messageProperty().get())
                .isEqualTo("A new dataset with 3 examples of successful method generation is ready");
        assertThat(fresh.datasets()).extracting(d -> d.id()).containsExactly("1");
        assertThat(fresh.selectedDatasetProperty().get().id()).isEqualTo("1");
    }

    @Test
    void anUndoneReviewIsSeenAfterTheUndoEvent() {
        viewModel.accept();
        kernel.undo(vessel.image().lastTx());
        assertThat(viewModel.selectedExampleProperty().get().status()).isEqualTo(ReviewStatus.ACCEPTED);
        viewModel.onEvent(Event.of("tx", "COMMIT", Map.of("note", "undo tx " + (vessel.image().lastTx() - 1))));
        assertThat(viewModel.selectedExampleProperty().get().status()).isEqualTo(ReviewStatus.PENDING);
        assertThat(viewModel.selectedExampleProperty().get().number()).isEqualTo(1);
    }
}
