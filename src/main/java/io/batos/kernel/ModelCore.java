package io.batos.kernel;

import io.batos.image.BlobRef;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The image's record of its cognitive core: the lobby's {@code pLLM} object (the blueprint's name
 * for the primordial LLM), read and written as one value.
 *
 * <p>An embedded model is recorded as its files — each a blob, so the image holds the model itself
 * and resurrects it on every open (blueprint BUG-02) — with the architecture facts read from its
 * session and the personas that have LoRA adapters. A server is recorded as its URL and model name
 * only: API keys never enter the image, whose history would keep them forever.
 *
 * @param name         the name views show
 * @param kind         {@link #ONNX}, {@link #DEMO} or {@link #SERVER}
 * @param files        relative file name → blob, for ONNX and demo cores
 * @param architecture facts about the graph (layers, kvHeads, headDim, dtype, vocab, layout,
 *                     contextLength), for ONNX and demo cores
 * @param adapters     personas with a LoRA adapter
 * @param url          the server's base URL, for server cores
 * @param model        the model name to ask the server for (null: its default)
 */
public record ModelCore(String name, String kind, Map<String, BlobRef> files, Map<String, Object> architecture,
                        List<String> adapters, String url, String model) {
    /** The lobby slot holding the model-core object. */
    public static final String SLOT = "pLLM";
    public static final String ONNX = "onnx";
    public static final String DEMO = "demo";
    public static final String SERVER = "server";

    public ModelCore {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        files = Map.copyOf(files == null ? Map.of() : files);
        architecture = architecture == null ? Map.of() : new LinkedHashMap<>(architecture);
        adapters = List.copyOf(adapters == null ? List.of() : adapters);
    }

    /** True for the scripted demo core, which is labelled everywhere as not a language model. */
    public boolean demo() {
        return DEMO.equals(kind);
    }

    public boolean server() {
        return SERVER.equals(kind);
    }

    /** Total bytes of the model's files. */
    public long bytes() {
        return files.values().stream().mapToLong(BlobRef::size).sum();
    }

    /** The model core recorded in the image, if any. */
    public static Optional<ModelCore> read(ObjectSpace space, Transaction tx) {
        UvmObject lobby = space.lobby(tx);
        if (!(lobby.get(SLOT) instanceof ObjectRef ref) || !tx.exists(ref.oid())) {
            return Optional.empty();
        }
        UvmObject core = lobby.resolve(ref);
        Map<String, BlobRef> files = new LinkedHashMap<>();
        if (core.get("files") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof BlobRef blob) {
                    files.put(String.valueOf(k), blob);
                }
            });
        }
        Map<String, Object> architecture = new LinkedHashMap<>();
        if (core.get("architecture") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> architecture.put(String.valueOf(k), v));
        }
        List<String> adapters = new ArrayList<>();
        if (core.get("adapters") instanceof List<?> list) {
            list.forEach(v -> adapters.add(String.valueOf(v)));
        }
        return Optional.of(new ModelCore(text(core, "name", "model"), text(core, "kind", ONNX), files, architecture,
                adapters, text(core, "url", null), text(core, "model", null)));
    }

    /**
     * Records this core in the lobby's {@code pLLM} object, replacing what was there (the object
     * keeps its identity, so references to it stay valid).
     */
    public void write(ObjectSpace space, Transaction tx) {
        UvmObject lobby = space.lobby(tx);
        UvmObject core = lobby.get(SLOT) instanceof ObjectRef ref && tx.exists(ref.oid()) ? lobby.resolve(ref)
                : space.object(tx, tx.create());
        for (String slot : List.of("name", "kind", "files", "architecture", "adapters", "url", "model")) {
            core.remove(slot);
        }
        core.set("comment", "The cognitive core: the model that answers what no object understands."
                + " Replace it with `batos model import|connect|demo`.");
        core.set("name", name);
        core.set("kind", kind);
        if (!files.isEmpty()) {
            core.set("files", new LinkedHashMap<>(files));
            core.set("architecture", new LinkedHashMap<>(architecture));
            core.set("adapters", new ArrayList<>(adapters));
        }
        if (url != null) {
            core.set("url", url);
        }
        if (model != null) {
            core.set("model", model);
        }
        lobby.set(SLOT, core);
    }

    private static String text(UvmObject core, String slot, String otherwise) {
        Object v = core.get(slot);
        return v instanceof String s ? s : otherwise;
    }
}
