package io.batos.workbench.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.kernel.Kernel;
import io.batos.kernel.ObjectDescription;
import io.batos.kernel.SlotDescription;
import io.batos.workbench.ImageFixture;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorViewModelTest {
    @TempDir
    Path dir;
    ImageFixture image;
    Kernel kernel;
    InspectorViewModel model;
    Notifications notifications = new Notifications();
    long lobby;
    long account;

    @BeforeEach
    void open() {
        image = new ImageFixture(dir);
        kernel = image.kernel();
        lobby = kernel.lobby();
        account = kernel.cloneInto(lobby, "account");
        kernel.setJson(account, "balance", "100");
        model = new InspectorViewModel(kernel, TaskExecutor.sameThread(), notifications, ObjectViews.standard());
    }

    @AfterEach
    void close() {
        image.close();
    }

    @Test
    void outlineShowsParentsAndSlotsAndReferencesExpand() {
        model.inspect("lobby.account");
        ObjectDescription described = model.inspectedProperty().get();
        assertThat(described.oid()).isEqualTo(account);
        List<OutlineRow> rows = InspectorViewModel.rows(described);
        assertThat(rows.get(0)).isEqualTo(new OutlineRow("parent 1", "@" + lobby, -1, null, lobby));
        assertThat(rows).contains(new OutlineRow("balance", "100", account, "balance", -1));
        List<OutlineRow> expanded = new ArrayList<>();
        model.expand(lobby, expanded::addAll);
        assertThat(expanded).extracting(OutlineRow::name).contains("account");
    }

    @Test
    void anEditIsWrittenAndTheObjectDescribedAgain() {
        model.inspect(account);
        List<Boolean> done = new ArrayList<>();
        model.edit(account, "balance", "{\"$decimal\": \"1.10\"}", done::add);
        assertThat(done).containsExactly(true);
        assertThat(model.inspectedProperty().get().slots()).extracting(SlotDescription::json)
                .contains("{\"$decimal\":\"1.10\"}");
    }

    @Test
    void aMalformedEditIsRefusedWithAMessageAndNothingWritten() {
        model.inspect(account);
        byte[] before = image.log();
        List<Boolean> done = new ArrayList<>();
        model.edit(account, "balance", "{oops", done::add);
        assertThat(done).containsExactly(false);
        assertThat(model.messageProperty().get()).isNotBlank().doesNotContain("\n");
        assertThat(notifications.messageProperty().get()).isEqualTo(model.messageProperty().get());
        assertThat(image.log()).isEqualTo(before);
    }

    @Test
    void viewsAreSortedByPriorityAndTheBlobViewOnlyAppliesToBlobs() {
        ObjectDescription plain = new ObjectDescription(7, List.of(), List.of(
                new SlotDescription("n", SlotDescription.Kind.DATA, 7, false, "1", -1)));
        ObjectDescription withBlob = new ObjectDescription(8, List.of(), List.of(
                new SlotDescription("photo", SlotDescription.Kind.DATA, 8, false,
                        "{\"$blob\":{\"sha256\":\"abc123\",\"size\":2048}}", -1)));
        ObjectViews views = ObjectViews.standard();
        views.register(new ObjectView() {
            public String title() { return "First"; }
            public int priority() { return -5; }
            public boolean appliesTo(ObjectDescription object) { return true; }
            public Node create(ObjectDescription object, InspectorViewModel m) { return null; }
        });
        assertThat(views.applicable(plain)).extracting(ObjectView::title).containsExactly("First", "Slots");
        assertThat(views.applicable(withBlob)).extracting(ObjectView::title).containsExactly("First", "Slots", "Blob");
        assertThat(BlobView.blobs(withBlob)).containsExactly(new BlobView.BlobSlot("photo", 2048, "abc123"));
    }
}
