package io.batos.workbench.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.kernel.ObjectDescription;
import io.batos.kernel.SlotDescription;
import io.batos.kernel.ValueJson;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * A moldable view for objects holding blobs: each {@code {"$blob": {"sha256", "size"}}} slot with
 * its size and hash, which the Slots view shows only as raw JSON.
 */
public final class BlobView implements ObjectView {
    /** A blob slot as the view shows it. */
    public record BlobSlot(String slot, long size, String sha256) {
    }

    @Override
    public String title() {
        return "Blob";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean appliesTo(ObjectDescription object) {
        return !blobs(object).isEmpty();
    }

    /** The object's slots that hold a blob. */
    public static List<BlobSlot> blobs(ObjectDescription object) {
        List<BlobSlot> blobs = new ArrayList<>();
        for (SlotDescription slot : object.slots()) {
            if (slot.kind() != SlotDescription.Kind.DATA || !slot.json().contains("\"$blob\"")) {
                continue;
            }
            try {
                JsonNode blob = ValueJson.MAPPER.readTree(slot.json()).get("$blob");
                if (blob != null) {
                    blobs.add(new BlobSlot(slot.name(), blob.path("size").asLong(-1), blob.path("sha256").asText("?")));
                }
            } catch (Exception e) {
                // Not a blob after all.
            }
        }
        return blobs;
    }

    @Override
    public Node create(ObjectDescription object, InspectorViewModel model) {
        VBox box = new VBox(8);
        box.setId("inspectorBlobView");
        box.setPadding(new Insets(10));
        for (BlobSlot blob : blobs(object)) {
            box.getChildren().add(new Label(blob.slot() + ": " + blob.size() + " bytes, sha256 " + blob.sha256()));
        }
        return box;
    }
}
