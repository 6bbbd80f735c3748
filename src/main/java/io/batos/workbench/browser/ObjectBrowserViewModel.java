package io.batos.workbench.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.batos.kernel.Kernel;
import io.batos.kernel.ObjectDescription;
import io.batos.kernel.SlotDescription;
import io.batos.kernel.ValueJson;
import io.batos.workbench.Notifications;
import io.batos.workbench.TaskExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The object browser's state and actions, with no controls: the object tree (lazily, from the
 * lobby by named reference slots), the selected object's slots grouped as parents / data / methods,
 * and the selected slot's editor text.
 *
 * <p>Every kernel call runs on the injected {@link TaskExecutor}; results land in properties on the
 * UI thread. A data slot is applied with {@link Kernel#setJson}; a refusal (malformed JSON, a value
 * that cannot persist) only sets {@link #messageProperty()} — the kernel has written nothing.
 */
public final class ObjectBrowserViewModel {
    /** One node of the object tree: how it is reached, the object, and the oids above it. */
    public record ObjectNode(String name, long oid, Set<Long> ancestors) {
        /** True when this object already appears above it: shown, but never expanded (cycle-safe). */
        public boolean cycle() {
            return ancestors.contains(oid);
        }

        /** The tree label: {@code name  @oid}, with a marker on a cycle. */
        public String label() {
            return name + "  @" + oid + (cycle() ? "  ↩" : "");
        }
    }

    /** A row of the slot list: a group header (slot null) or a slot. */
    public record SlotRow(String header, SlotDescription slot) {
        public boolean isHeader() {
            return slot == null;
        }

        /** What the list shows; inherited slots name their holder. */
        public String label() {
            if (slot == null) {
                return header;
            }
            String suffix = slot.inherited() ? "  (from @" + slot.holder() + ")" : "";
            return slot.name() + suffix;
        }
    }

    /**
     * An object's parents graph: the object and every object reachable through parents, each once,
     * in lookup order (depth-first, parents in order), with one edge per parent link between them.
     *
     * @param nodes     the object first, then its ancestors in lookup order
     * @param edges     child → parent links, each with its position among the child's parents
     * @param truncated true when the graph had more objects than {@link #GRAPH_LIMIT} (the rest are left out)
     */
    public record ParentsGraph(List<GraphNode> nodes, List<GraphEdge> edges, boolean truncated) {
        public ParentsGraph {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }

        /** The oids in lookup order. */
        public List<Long> lookupOrder() {
            return nodes.stream().map(GraphNode::oid).toList();
        }
    }

    /**
     * An object in the parents graph.
     *
     * @param oid   the object
     * @param name  a name the browser knows it by (from the tree), or null
     * @param order its position in the lookup order (0: the object itself)
     * @param depth how many parent links from the object it was first reached
     */
    public record GraphNode(long oid, String name, int order, int depth) {
        /** {@code name @oid}, or {@code @oid} without a name. */
        public String label() {
            return (name == null ? "" : name + " ") + "@" + oid;
        }
    }

    /**
     * A parent link: {@code child}'s {@code index}-th parent (1-based, the order lookup tries them) is
     * {@code parent}; a link back to an object already above is still an edge (a cycle is drawn, not
     * followed).
     */
    public record GraphEdge(long child, long parent, int index) {
    }

    /** The most objects a parents graph shows. */
    public static final int GRAPH_LIMIT = 200;

    /** What the editor below the slot list shows. */
    public enum EditorMode { NONE, DATA, METHOD }

    private final Kernel kernel;
    private final TaskExecutor executor;
    private final Notifications notifications;
    private final ObjectProperty<ObjectNode> root = new SimpleObjectProperty<>();
    private final ObjectProperty<ObjectDescription> selectedObject = new SimpleObjectProperty<>();
    private final ObservableList<SlotRow> slotRows = FXCollections.observableArrayList();
    private final ObjectProperty<SlotDescription> selectedSlot = new SimpleObjectProperty<>();
    private final ObjectProperty<EditorMode> editorMode = new SimpleObjectProperty<>(EditorMode.NONE);
    private final StringProperty editText = new SimpleStringProperty("");
    private final StringProperty methodSource = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<ParentsGraph> parentsGraph = new SimpleObjectProperty<>();
    /** Names the tree has shown objects by (first one wins), for the graph's labels. UI thread only. */
    private final Map<Long, String> names = new HashMap<>();

    public ObjectBrowserViewModel(Kernel kernel, TaskExecutor executor, Notifications notifications) {
        this.kernel = kernel;
        this.executor = executor;
        this.notifications = notifications;
    }

    public ObjectProperty<ObjectNode> rootProperty() {
        return root;
    }

    public ObjectProperty<ObjectDescription> selectedObjectProperty() {
        return selectedObject;
    }

    public ObservableList<SlotRow> slotRows() {
        return slotRows;
    }

    public ObjectProperty<SlotDescription> selectedSlotProperty() {
        return selectedSlot;
    }

    public ObjectProperty<EditorMode> editorModeProperty() {
        return editorMode;
    }

    /** The data editor's JSON text. */
    public StringProperty editTextProperty() {
        return editText;
    }

    /** The selected method's source (read-only until the code editor takes over). */
    public StringProperty methodSourceProperty() {
        return methodSource;
    }

    /** The browser's last one-line message (also sent to the status bar). */
    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The selected object's parents graph (null until computed). */
    public ObjectProperty<ParentsGraph> parentsGraphProperty() {
        return parentsGraph;
    }

    /** Computes {@code oid}'s parents graph in the background and shows it in {@link #parentsGraphProperty()}. */
    public void loadParentsGraph(long oid) {
        Map<Long, String> known = Map.copyOf(names);
        executor.run(() -> parentsGraph(oid, kernel::describe, known, GRAPH_LIMIT), parentsGraph::set,
                this::failed);
    }

    /**
     * The parents graph of {@code root}: depth-first in lookup order (each parent in order, each
     * object once — so a diamond's shared ancestor appears once and a cycle ends), at most
     * {@code limit} objects. Only calls {@code describe}; runs off the UI thread.
     */
    static ParentsGraph parentsGraph(long root, LongFunction<ObjectDescription> describe, Map<Long, String> names,
            int limit) {
        Map<Long, GraphNode> nodes = new LinkedHashMap<>();
        Map<Long, List<Long>> parents = new HashMap<>();
        boolean[] truncated = {false};
        visit(root, 0, describe, names, limit, nodes, parents, truncated);
        List<GraphEdge> edges = new ArrayList<>();
        for (GraphNode node : nodes.values()) {
            List<Long> of = parents.getOrDefault(node.oid(), List.of());
            for (int i = 0; i < of.size(); i++) {
                if (nodes.containsKey(of.get(i))) {
                    edges.add(new GraphEdge(node.oid(), of.get(i), i + 1));
                }
            }
        }
        return new ParentsGraph(new ArrayList<>(nodes.values()), edges, truncated[0]);
    }

    private static void visit(long oid, int depth, LongFunction<ObjectDescription> describe, Map<Long, String> names,
            int limit, Map<Long, GraphNode> nodes, Map<Long, List<Long>> parents, boolean[] truncated) {
        if (nodes.size() >= limit) {
            truncated[0] = true;
            return;
        }
        nodes.put(oid, new GraphNode(oid, names.get(oid), nodes.size(), depth));
        List<Long> of = describe.apply(oid).parents();
        parents.put(oid, of);
        for (long parent : of) {
            if (!nodes.containsKey(parent)) {
                visit(parent, depth + 1, describe, names, limit, nodes, parents, truncated);
            }
        }
    }

    /** Loads the tree's root, the lobby, and selects it. */
    public void loadRoot() {
        busy.set(true);
        executor.run(kernel::lobby, oid -> {
            busy.set(false);
            names.putIfAbsent(oid, "lobby");
            root.set(new ObjectNode("lobby", oid, Set.of()));
            selectObject(oid);
        }, this::failed);
    }

    /** Loads a node's children — its own reference slots — and hands them to {@code done}. */
    public void loadChildren(ObjectNode node, Consumer<List<ObjectNode>> done) {
        if (node.cycle()) {
            done.accept(List.of());
            return;
        }
        executor.run(() -> kernel.describe(node.oid()), description -> {
            List<ObjectNode> children = children(node, description);
            children.forEach(child -> names.putIfAbsent(child.oid(), child.name()));
            done.accept(children);
        }, this::failed);
    }

    /** The tree children of a described node: its own reference slots, in slot order. */
    static List<ObjectNode> children(ObjectNode node, ObjectDescription description) {
        Set<Long> path = new HashSet<>(node.ancestors());
        path.add(node.oid());
        List<ObjectNode> children = new ArrayList<>();
        for (SlotDescription slot : description.own()) {
            if (slot.kind() == SlotDescription.Kind.REFERENCE) {
                children.add(new ObjectNode(slot.name(), slot.ref(), Set.copyOf(path)));
            }
        }
        return children;
    }

    /** Describes an object and shows its slots; the slot selection is kept when the slot still exists. */
    public void selectObject(long oid) {
        String keep = selectedSlot.get() == null ? null : selectedSlot.get().name();
        boolean same = selectedObject.get() != null && selectedObject.get().oid() == oid;
        busy.set(true);
        executor.run(() -> kernel.describe(oid), description -> {
            busy.set(false);
            selectedObject.set(description);
            slotRows.setAll(rows(description));
            SlotDescription again = same && keep != null ? description.slots().stream()
                    .filter(s -> s.name().equals(keep)).findFirst().orElse(null) : null;
            showSlot(again);
            loadParentsGraph(oid);
        }, this::failed);
    }

    /** The slot list's rows: parents, data, methods, each under a header when not empty. */
    static List<SlotRow> rows(ObjectDescription description) {
        List<SlotRow> parents = new ArrayList<>();
        List<SlotRow> data = new ArrayList<>();
        List<SlotRow> methods = new ArrayList<>();
        for (SlotDescription slot : description.slots()) {
            switch (slot.kind()) {
                case PARENTS -> parents.add(new SlotRow(null, slot));
                case METHOD, PRIMITIVE -> methods.add(new SlotRow(null, slot));
                default -> data.add(new SlotRow(null, slot));
            }
        }
        List<SlotRow> rows = new ArrayList<>();
        addGroup(rows, "parents", parents);
        addGroup(rows, "data", data);
        addGroup(rows, "methods", methods);
        return rows;
    }

    private static void addGroup(List<SlotRow> rows, String header, List<SlotRow> group) {
        if (!group.isEmpty()) {
            rows.add(new SlotRow(header, null));
            rows.addAll(group);
        }
    }

    /** Shows a slot in the editor (null clears it). Needs no kernel call: the description has the value. */
    public void selectSlot(SlotDescription slot) {
        message.set("");
        showSlot(slot);
    }

    private void showSlot(SlotDescription slot) {
        selectedSlot.set(slot);
        if (slot == null) {
            editorMode.set(EditorMode.NONE);
            editText.set("");
            methodSource.set("");
        } else if (slot.kind() == SlotDescription.Kind.METHOD) {
            methodSource.set(methodText(slot.json()));
            editorMode.set(EditorMode.METHOD);
        } else if (slot.kind() == SlotDescription.Kind.PRIMITIVE) {
            methodSource.set("// primitive: " + slot.json());
            editorMode.set(EditorMode.METHOD);
        } else {
            editText.set(slot.json());
            editorMode.set(EditorMode.DATA);
        }
    }

    /** A method slot's source out of its {@code {"$method": SOURCE}} JSON. */
    static String methodText(String json) {
        try {
            JsonNode node = ValueJson.MAPPER.readTree(json);
            JsonNode source = node.get("$method");
            return source == null ? json : source.asText();
        } catch (Exception e) {
            return json;
        }
    }

    /**
     * Sets the selected slot on the selected object to the edited JSON, in one transaction; an
     * inherited slot becomes an own slot there. A refusal sets the message and writes nothing.
     */
    public void apply() {
        ObjectDescription object = selectedObject.get();
        SlotDescription slot = selectedSlot.get();
        if (object == null || slot == null || editorMode.get() != EditorMode.DATA) {
            return;
        }
        String json = editText.get();
        busy.set(true);
        executor.run(() -> kernel.setJson(object.oid(), slot.name(), json), txId -> {
            busy.set(false);
            notifications.committed(txId, "set " + slot.name());
            message.set("saved (tx " + txId + ")");
            selectObject(object.oid());
        }, this::failed);
    }

    private void failed(Throwable failure) {
        busy.set(false);
        message.set(Notifications.shortMessage(failure));
        notifications.failed(failure);
    }
}
