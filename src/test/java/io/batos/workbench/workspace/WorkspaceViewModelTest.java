package io.batos.workbench.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.Kernel;
import io.batos.workbench.ImageFixture;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import io.batos.workbench.workspace.WorkspaceViewModel.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceViewModelTest {
    @TempDir
    Path dir;
    ImageFixture image;
    Kernel kernel;
    WorkspaceViewModel model;
    List<Long> inspected = new ArrayList<>();

    @BeforeEach
    void open() {
        image = new ImageFixture(dir);
        kernel = image.kernel();
        model = new WorkspaceViewModel(kernel, TaskExecutor.sameThread(), new Notifications());
        model.setInspector(inspected::add);
    }

    @AfterEach
    void close() {
        image.close();
    }

    @Test
    void theSnippetIsTheSelectionElseTheCaretLine() {
        String text = "1 + 1\n3 + 4\nself";
        assertThat(WorkspaceViewModel.snippetSpan(text, 6, 11, 11)).isEqualTo(new Span(6, 11));
        assertThat(WorkspaceViewModel.snippetSpan(text, 8, 8, 8)).isEqualTo(new Span(6, 11));
        assertThat(WorkspaceViewModel.snippetSpan(text, 0, 0, text.length())).isEqualTo(new Span(12, 16));
        assertThat(WorkspaceViewModel.snippetSpan(text, 0, 0, 0)).isEqualTo(new Span(0, 5));
    }

    @Test
    void doItShowsTheAnswer() {
        model.doIt("3 + 4");
        assertThat(model.resultProperty().get()).isEqualTo("7");
    }

    @Test
    void printItHandsBackTheArrowAndAnswer() {
        List<String> inserted = new ArrayList<>();
        model.printIt("6 * 7", inserted::add);
        assertThat(inserted).containsExactly(" → 42");
    }

    @Test
    void inspectItOpensObjectsAndShowsValues() {
        kernel.cloneInto(kernel.lobby(), "account");
        model.targetProperty().set("lobby.account");
        model.inspectIt("self");
        assertThat(inspected).containsExactly(kernel.resolve("lobby.account"));
        model.inspectIt("1 + 1");
        assertThat(inspected).hasSize(1);
        assertThat(model.resultProperty().get()).isEqualTo("2");
    }

    @Test
    void aNotUnderstoodOrRefusedEvaluationShowsOneLine() {
        model.doIt("self.send(\"frobnicate\")");
        assertThat(model.resultProperty().get()).containsIgnoringCase("frobnicate").doesNotContain("\n");
        model.doIt("System.exit(0)");
        assertThat(model.resultProperty().get()).startsWith("cannot evaluate").doesNotContain("\n");
    }
}
