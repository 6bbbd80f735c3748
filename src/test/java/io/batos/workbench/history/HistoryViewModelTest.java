package io.batos.workbench.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.LivingImage;
import io.batos.image.TxInfo;
import io.batos.kernel.Kernel;
import io.batos.kernel.Vessel;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history tool's ViewModel on a real image, with a same-thread executor. */
class HistoryViewModelTest {
    @TempDir
    Path dir;

    private Vessel vessel;
    private Kernel kernel;
    private long lobby;
    private long first;
    private long second;
    private HistoryViewModel viewModel;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        lobby = kernel.lobby();
        first = kernel.setJson(lobby, "count", "1");
        second = kernel.setJson(lobby, "count", "2");
        viewModel = new HistoryViewModel(kernel, TaskExecutor.sameThread());
        viewModel.refresh();
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    private TxInfo tx(long txId) {
        return viewModel.transactions().stream().filter(t -> t.txId() == txId).findFirst().orElseThrow();
    }

    @Test
    void theLogIsListedOldestFirst() {
        List<Long> ids = viewModel.transactions().stream().map(TxInfo::txId).toList();
        assertThat(ids).isSorted().contains(first, second);
        assertThat(ids.get(ids.size() - 1)).isEqualTo(second);
        assertThat(tx(second).origin()).isEqualTo("test");
    }

    @Test
    void selectingATransactionShowsItsObjectsRevisionsAndTheChangedSlot() {
        viewModel.selectedTransactionProperty().set(tx(second));
        assertThat(viewModel.objects()).containsExactly(lobby);
        assertThat(viewModel.selectedObjectProperty().get()).isEqualTo(lobby);
        assertThat(viewModel.revisions()).startsWith(second, first);
        assertThat(viewModel.getDiff()).contains("-count = 1").contains("+count = 2");

        viewModel.diff(second, first);
        assertThat(viewModel.getDiff()).as("argument order does not matter")
                .contains("--- @" + lobby + " at tx " + first).contains("+count = 2");
        viewModel.diff(second, second);
        assertThat(viewModel.getDiff()).isEqualTo(StateDiff.NO_DIFFERENCES);
    }

    @Test
    void anUndoThatALaterTransactionBlocksIsRefusedWithTheReasonAndAnotherSucceeds() {
        int before = viewModel.transactions().size();
        viewModel.undo(first);
        assertThat(viewModel.getStatus()).contains("cannot undo tx " + first).contains("tx " + second);
        assertThat(viewModel.transactions()).hasSize(before);

        viewModel.selectedTransactionProperty().set(tx(second));
        viewModel.undoSelected();
        assertThat(viewModel.getStatus()).startsWith("undid tx " + second);
        assertThat(viewModel.transactions()).hasSize(before + 1);
        assertThat(viewModel.selectedTransactionProperty().get().txId()).as("kept after refresh").isEqualTo(second);
        assertThat(String.valueOf(kernel.get(lobby, "count"))).isEqualTo("1");
    }

    @Test
    void statesRenderAsSortedSlotLines() {
        assertThat(StateDiff.lines(Map.of("b", "2", "a", "\"x\""))).containsExactly("a = \"x\"", "b = 2");
        assertThat(StateDiff.lines(null)).isEmpty();
    }
}
