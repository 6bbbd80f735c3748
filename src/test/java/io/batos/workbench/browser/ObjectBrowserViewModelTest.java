package io.batos.workbench.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.Kernel;
import io.batos.kernel.SlotDescription;
import io.batos.workbench.ImageFixture;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import io.batos.workbench.browser.ObjectBrowserViewModel.EditorMode;
import io.batos.workbench.browser.ObjectBrowserViewModel.GraphEdge;
import io.batos.workbench.browser.ObjectBrowserViewModel.GraphNode;
import io.batos.workbench.browser.ObjectBrowserViewModel.ParentsGraph;
import io.batos.workbench.browser.ObjectBrowserViewModel.ObjectNode;
import io.batos.workbench.browser.ObjectBrowserViewModel.SlotRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectBrowserViewModelTest {
    @TempDir
    Path dir;
    ImageFixture image;
    Kernel kernel;
    ObjectBrowserViewModel model;
    long lobby;
    long account;

    @BeforeEach
    void open() {
        image = new ImageFixture(dir);
        kernel = image.kernel();
        lobby = kernel.lobby();
        account = kernel.cloneInto(lobby, "account");
        kernel.setJson(account, "balance", "100");
        kernel.install(lobby, "greet", "Object greet(UvmObject self, Object... args) { return \"hi\"; }");
        model = new ObjectBrowserViewModel(kernel, TaskExecutor.sameThread(), new Notifications());
        model.loadRoot();
    }

    @AfterEach
    void close() {
        image.close();
    }

    private List<ObjectNode> children(ObjectNode node) {
        List<ObjectNode> result = new ArrayList<>();
        model.loadChildren(node, result::addAll);
        return result;
    }

    private SlotDescription slot(String name) {
        return model.slotRows().stream().filter(r -> !r.isHeader() && r.slot().name().equals(name))
                .map(SlotRow::slot).findFirst().orElseThrow();
    }

    @Test
    void theTreeStartsAtTheLobbyAndListsReferenceSlots() {
        assertThat(model.rootProperty().get().oid()).isEqualTo(lobby);
        assertThat(model.selectedObjectProperty().get().oid()).isEqualTo(lobby);
        assertThat(children(model.rootProperty().get())).extracting(ObjectNode::name).contains("account");
    }

    @Test
    void slotsAreGroupedAndInheritedOnesNameTheirHolder() {
        model.selectObject(account);
        List<String> headers = model.slotRows().stream().filter(SlotRow::isHeader).map(SlotRow::header).toList();
        assertThat(headers).containsExactly("parents", "data", "methods");
        SlotRow greet = model.slotRows().stream().filter(r -> !r.isHeader() && r.slot().name().equals("greet"))
                .findFirst().orElseThrow();
        assertThat(greet.slot().inherited()).isTrue();
        assertThat(greet.label()).isEqualTo("greet  (from @" + lobby + ")");
        model.selectSlot(greet.slot());
        assertThat(model.editorModeProperty().get()).isEqualTo(EditorMode.METHOD);
        assertThat(model.methodSourceProperty().get()).contains("return \"hi\";");
    }

    @Test
    void applyingADataSlotWritesItInOneTransaction() {
        model.selectObject(account);
        model.selectSlot(slot("balance"));
        assertThat(model.editTextProperty().get()).isEqualTo("100");
        model.editTextProperty().set("250");
        model.apply();
        assertThat(kernel.get(account, "balance")).isEqualTo(250L);
        assertThat(model.messageProperty().get()).startsWith("saved (tx ");
        assertThat(model.editTextProperty().get()).isEqualTo("250");
    }

    @Test
    void aMalformedValueIsRefusedAndNothingIsWritten() {
        model.selectObject(account);
        model.selectSlot(slot("balance"));
        byte[] before = image.log();
        model.editTextProperty().set("hello");
        model.apply();
        assertThat(model.messageProperty().get()).contains("not JSON");
        assertThat(image.log()).isEqualTo(before);
        assertThat(kernel.get(account, "balance")).isEqualTo(100L);
    }

    @Test
    void aCycleIsShownOnceAndNeverExpanded() {
        kernel.setJson(account, "home", "{\"$ref\":" + lobby + "}");
        ObjectNode accountNode = children(model.rootProperty().get()).stream()
                .filter(n -> n.name().equals("account")).findFirst().orElseThrow();
        ObjectNode home = children(accountNode).stream().filter(n -> n.name().equals("home")).findFirst().orElseThrow();
        assertThat(home.cycle()).isTrue();
        assertThat(home.label()).endsWith("↩");
        assertThat(children(home)).isEmpty();
    }

    private void parents(long oid, long... parents) {
        StringBuilder json = new StringBuilder("[");
        for (long parent : parents) {
            json.append(json.length() > 1 ? "," : "").append("{\"$ref\":").append(parent).append('}');
        }
        kernel.setJson(oid, "parents", json.append(']').toString());
    }

    @Test
    void aDiamondShowsItsSharedAncestorOnceInLookupOrder() {
        long a = kernel.cloneInto(lobby, "a");
        long b = kernel.cloneInto(lobby, "b");
        long c = kernel.cloneInto(lobby, "c");
        long d = kernel.cloneInto(lobby, "d");
        parents(d);
        parents(b, d);
        parents(c, d);
        parents(a, b, c);
        ParentsGraph graph = ObjectBrowserViewModel.parentsGraph(a, kernel::describe, Map.of(b, "b"), 200);
        assertThat(graph.lookupOrder()).containsExactly(a, b, d, c);
        assertThat(graph.nodes()).extracting(GraphNode::depth).containsExactly(0, 1, 2, 1);
        assertThat(graph.nodes().get(1).label()).isEqualTo("b @" + b);
        assertThat(graph.nodes().get(0).label()).isEqualTo("@" + a);
        assertThat(graph.edges()).containsExactly(new GraphEdge(a, b, 1), new GraphEdge(a, c, 2),
                new GraphEdge(b, d, 1), new GraphEdge(c, d, 1));
        assertThat(graph.truncated()).isFalse();

        // Swapping the parents swaps the lookup order.
        parents(a, c, b);
        assertThat(ObjectBrowserViewModel.parentsGraph(a, kernel::describe, Map.of(), 200).lookupOrder())
                .containsExactly(a, c, d, b);
    }

    @Test
    void aParentCycleEndsAndKeepsItsBackEdge() {
        long b = kernel.cloneInto(lobby, "b");
        long c = kernel.cloneInto(lobby, "c");
        parents(b, c);
        parents(c, b);
        ParentsGraph graph = ObjectBrowserViewModel.parentsGraph(b, kernel::describe, Map.of(), 200);
        assertThat(graph.lookupOrder()).containsExactly(b, c);
        assertThat(graph.edges()).containsExactly(new GraphEdge(b, c, 1), new GraphEdge(c, b, 1));
    }

    @Test
    void theGraphIsBoundedAndSelectingAnObjectShowsItsGraphWithTreeNames() {
        long b = kernel.cloneInto(lobby, "b");
        long c = kernel.cloneInto(lobby, "c");
        parents(c);
        parents(b, c);
        ParentsGraph small = ObjectBrowserViewModel.parentsGraph(b, kernel::describe, Map.of(), 1);
        assertThat(small.lookupOrder()).containsExactly(b);
        assertThat(small.edges()).isEmpty();
        assertThat(small.truncated()).isTrue();

        children(model.rootProperty().get());
        model.selectObject(b);
        ParentsGraph graph = model.parentsGraphProperty().get();
        assertThat(graph.nodes()).extracting(GraphNode::label).containsExactly("b @" + b, "c @" + c);
        assertThat(graph.edges()).containsExactly(new GraphEdge(b, c, 1));
    }
}
