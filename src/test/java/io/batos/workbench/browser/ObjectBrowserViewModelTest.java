package io.batos.workbench.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.Kernel;
import io.batos.kernel.SlotDescription;
import io.batos.workbench.ImageFixture;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import io.batos.workbench.browser.ObjectBrowserViewModel.EditorMode;
import io.batos.workbench.browser.ObjectBrowserViewModel.ObjectNode;
import io.batos.workbench.browser.ObjectBrowserViewModel.SlotRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
