package io.batos.workbench.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.code.Finding;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.kernel.Kernel;
import io.batos.kernel.SlotDescription;
import io.batos.kernel.Vessel;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code editor's ViewModel on a real image, with a same-thread executor. */
class CodeEditorViewModelTest {
    static final String FORGETFUL = """
            Object remember(UvmObject self, Object... args) {
                List<Object> xs = (List<Object>) self.get("items");
                xs.add(1);
                return null;
            }""";
    static final String FAITHFUL = """
            Object remember(UvmObject self, Object... args) {
                List<Object> xs = (List<Object>) self.get("items");
                xs.add(1);
                self.markChanged();
                return null;
            }""";

    @TempDir
    Path dir;

    private Vessel vessel;
    private Kernel kernel;
    private long lobby;
    private CodeEditorViewModel viewModel;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        lobby = kernel.lobby();
        kernel.setJson(lobby, "items", "[]");
        viewModel = new CodeEditorViewModel(kernel, TaskExecutor.sameThread());
    }

    @AfterEach
    void close() {
        if (vessel != null) {
            vessel.close();
        }
    }

    @Test
    void aCovenantViolationIsFoundAtItsLineThenFixedAcceptedAndFoundAfterReopening() {
        viewModel.newMethod(lobby);
        viewModel.setSource(FORGETFUL);
        assertThat(viewModel.getSelector()).as("the selector follows the name typed").isEqualTo("remember");
        assertThat(viewModel.isDirty()).isTrue();
        viewModel.check();
        assertThat(viewModel.findings())
                .filteredOn(f -> f.rule().equals("covenant") && f.severity() == Finding.Severity.ERROR)
                .singleElement()
                .satisfies(f -> assertThat(f.line()).as("the mutation xs.add(1)").isEqualTo(3));

        viewModel.setSource(FAITHFUL);
        viewModel.check();
        assertThat(viewModel.findings()).noneMatch(f -> f.severity() == Finding.Severity.ERROR);

        viewModel.accept();
        assertThat(viewModel.getStatus()).matches("installed \\(tx \\d+\\)");
        assertThat(viewModel.isDirty()).isFalse();

        vessel.close();
        vessel = Vessel.open(dir, LivingImage.OpenMode.EXISTING);
        Kernel reopened = new Kernel(vessel, "test");
        assertThat(reopened.describe(lobby).own())
                .filteredOn(s -> s.name().equals("remember"))
                .singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(SlotDescription.Kind.METHOD));
        assertThat(reopened.get(lobby, "remember")).isEqualTo(new MethodSource(FAITHFUL));
    }

    @Test
    void aSandboxRefusalShowsTheFindingAndAcceptWritesNothing() throws Exception {
        // Preferences is now caught earlier by the guardian's forbidden-api rule; this one reaches the sandbox.
        String source = "Object m(UvmObject self, Object... args) {\n"
                + "    var t = java.util.concurrent.ThreadLocalRandom.current();\n"
                + "    return t.nextInt();\n}";
        viewModel.newMethod(lobby);
        viewModel.setSource(source);
        viewModel.check();
        assertThat(viewModel.findings()).anyMatch(f -> f.rule().equals("sandbox") && f.line() == 2);

        byte[] before = Files.readAllBytes(dir.resolve("image.log"));
        viewModel.accept();
        assertThat(viewModel.getStatus()).startsWith("refused:").contains("nothing written");
        assertThat(viewModel.findings()).anyMatch(f -> f.rule().equals("sandbox"));
        assertThat(viewModel.isDirty()).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("image.log"))).isEqualTo(before);
    }

    @Test
    void openingASlotKeepsItsSelectorAndIsNotDirtyUntilEdited() {
        viewModel.open(lobby, "remember", FAITHFUL);
        assertThat(viewModel.isDirty()).isFalse();
        viewModel.setSource(FAITHFUL.replace("remember(", "recall("));
        assertThat(viewModel.getSelector()).isEqualTo("remember");
        assertThat(viewModel.isDirty()).isTrue();
        viewModel.setSource(FAITHFUL);
        assertThat(viewModel.isDirty()).isFalse();
    }

    @Test
    void aStaleCheckResultIsNotApplied() {
        // The executor finishes the work only after the source changed: the result is dropped.
        Runnable[] pending = new Runnable[1];
        TaskExecutor deferred = new TaskExecutor() {
            @Override
            public <T> java.util.concurrent.CompletableFuture<T> run(java.util.function.Supplier<T> work,
                    java.util.function.Consumer<T> onSuccess, java.util.function.Consumer<Throwable> onFailure) {
                pending[0] = () -> onSuccess.accept(work.get());
                return new java.util.concurrent.CompletableFuture<>();
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
        CodeEditorViewModel model = new CodeEditorViewModel(kernel, deferred);
        model.newMethod(lobby);
        model.setSource(FORGETFUL);
        model.check();
        model.setSource(FAITHFUL);
        pending[0].run();
        assertThat(model.findings()).isEmpty();
    }
}
