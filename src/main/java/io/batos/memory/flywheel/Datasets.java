package io.batos.memory.flywheel;

import io.batos.image.BlobRef;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The curated datasets in the image, {@code lobby.datasets}, as one transaction sees and changes
 * them.
 *
 * <pre>
 * lobby.datasets        comment, next (the next id), and one slot per dataset: id → dataset object
 *   .1                  id, missionType, created, curator, size, data ($blob: the curated JSONL),
 *                       cycles (every cycle its curation consumed),
 *                       examples [{number, status, cycles, selector, sha256, edited ($blob)?}, …]
 * </pre>
 *
 * <p>Why the examples' texts live in a blob and only their review in slots: a dataset of a few
 * thousand examples with their prompts is megabytes, and the log would copy it at every review;
 * content addressing means an edit stores one small blob and rewrites one list. Every part is an
 * ordinary object, so the architect browses it, and undo takes a review back like any edit.
 */
public final class Datasets {
    /** The lobby's slot holding the datasets. */
    public static final String SLOT = "datasets";
    static final String NEXT = "next";

    private final Transaction tx;
    private final long oid;

    private Datasets(Transaction tx, long oid) {
        this.tx = tx;
        this.oid = oid;
    }

    /** Makes the empty shelf and hangs it on the lobby (genesis). */
    public static long create(Transaction tx, long lobby) {
        long shelf = tx.create();
        tx.set(shelf, "comment", "Fine-tuning datasets ALFRED curated from the successful syntheses of completed"
                + " cycles, one object per dataset; review them in the workbench or with `batos dataset`.");
        tx.set(shelf, NEXT, 1L);
        tx.set(lobby, SLOT, new ObjectRef(shelf));
        return shelf;
    }

    /** The datasets as {@code tx} sees them, or empty when the image has none (older than genesis 13). */
    public static Optional<Datasets> in(Transaction tx) {
        if (!(tx.peek(LivingImage.ROOT_OID, ObjectSpace.LOBBY_SLOT) instanceof ObjectRef lobby)) {
            return Optional.empty();
        }
        return tx.peek(lobby.oid(), SLOT) instanceof ObjectRef shelf ? Optional.of(new Datasets(tx, shelf.oid()))
                : Optional.empty();
    }

    /** {@link #in}, or NOT_FOUND saying why. */
    public static Datasets require(Transaction tx) {
        return in(tx).orElseThrow(() -> new ImageException(ImageException.Code.NOT_FOUND,
                "this image has no datasets (lobby." + SLOT + "); open it for writing once to add them"));
    }

    /** The ids of every dataset, oldest first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String slot : tx.slotNames(oid)) {
            if (isId(slot) && tx.peek(oid, slot) instanceof ObjectRef) {
                ids.add(slot);
            }
        }
        ids.sort(Comparator.comparingLong(Long::parseLong));
        return ids;
    }

    /** Every dataset, oldest first. */
    public List<Dataset> all() {
        return ids().stream().map(id -> find(id).orElseThrow()).toList();
    }

    /** A dataset by id. */
    public Optional<Dataset> find(String id) {
        if (!isId(id) || !(tx.peek(oid, id) instanceof ObjectRef ref)) {
            return Optional.empty();
        }
        return Optional.of(read(id, ref.oid()));
    }

    /** A dataset by id, or NOT_FOUND naming the ids there are. */
    public Dataset require(String id) {
        return find(id).orElseThrow(() -> {
            List<String> ids = ids();
            return new ImageException(ImageException.Code.NOT_FOUND, "no dataset " + id + " (" + (ids.isEmpty()
                    ? "there are none yet" : "there are " + String.join(", ", ids)) + ")");
        });
    }

    /** Every cycle some curation already consumed: no dataset takes a cycle twice. */
    public Set<String> consumedCycles() {
        Set<String> cycles = new HashSet<>();
        for (String id : ids()) {
            long dataset = ((ObjectRef) tx.peek(oid, id)).oid();
            strings(tx.peek(dataset, "cycles"), cycles);
        }
        return cycles;
    }

    /** The content keys of every example in every dataset, so a later dataset repeats none. */
    public Set<String> exampleKeys() {
        Set<String> keys = new HashSet<>();
        for (String id : ids()) {
            long dataset = ((ObjectRef) tx.peek(oid, id)).oid();
            for (Map<String, Object> e : entries(dataset)) {
                if (e.get("sha256") instanceof String key) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /**
     * One example about to be stored.
     *
     * @param cycles   its provenance
     * @param key      its content key (deduplication)
     */
    public record Entry(ChatExample example, List<String> cycles, String selector, String key) {
    }

    /**
     * Stores a new dataset: the JSONL blob (already in the blob store) and one pending entry per
     * example, in the blob's line order.
     *
     * @param consumed every cycle this curation looked at, duplicates included
     * @return the new dataset's id
     */
    public String add(String missionType, String created, BlobRef data, List<Entry> entries, List<String> consumed) {
        long next = tx.peek(oid, NEXT) instanceof Long n ? n : ids().stream().mapToLong(Long::parseLong).max().orElse(0) + 1;
        String id = Long.toString(next);
        long dataset = tx.create();
        tx.set(dataset, "id", id);
        tx.set(dataset, "missionType", missionType);
        tx.set(dataset, "created", created);
        tx.set(dataset, "curator", "ALFRED");
        tx.set(dataset, "size", (long) entries.size());
        tx.set(dataset, "data", data);
        tx.set(dataset, "cycles", new ArrayList<Object>(consumed));
        List<Object> examples = new ArrayList<>();
        int number = 0;
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", (long) ++number);
            m.put("status", ReviewStatus.PENDING.word());
            m.put("cycles", new ArrayList<Object>(e.cycles()));
            m.put("selector", e.selector());
            m.put("sha256", e.key());
            examples.add(m);
        }
        tx.set(dataset, "examples", examples);
        tx.set(oid, id, new ObjectRef(dataset));
        tx.set(oid, NEXT, next + 1);
        return id;
    }

    /**
     * Records a review of one example.
     *
     * @param edited the blob holding the edited example's JSON line (for {@link ReviewStatus#EDITED}), else null
     * @throws ImageException NOT_FOUND for an unknown dataset or example number
     */
    public void review(String id, int number, ReviewStatus status, BlobRef edited) {
        Dataset dataset = require(id);
        List<Map<String, Object>> entries = entries(dataset.oid());
        if (number < 1 || number > entries.size()) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "dataset " + id + " has no example " + number
                    + " (it has " + entries.size() + ")");
        }
        Map<String, Object> entry = entries.get(number - 1);
        entry.put("status", status.word());
        if (status == ReviewStatus.EDITED) {
            entry.put("edited", edited);
        }
        tx.set(dataset.oid(), "examples", new ArrayList<Object>(entries));
    }

    private Dataset read(String id, long dataset) {
        BlobRef data = tx.peek(dataset, "data") instanceof BlobRef ref ? ref : null;
        List<String> lines = data == null ? List.of() : lines(data);
        List<DatasetExample> examples = new ArrayList<>();
        List<Map<String, Object>> entries = entries(dataset);
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            ReviewStatus status = e.get("status") instanceof String word ? ReviewStatus.of(word) : ReviewStatus.PENDING;
            List<String> cycles = new ArrayList<>();
            strings(e.get("cycles"), cycles);
            ChatExample curated = i < lines.size() ? ChatExample.parse(lines.get(i)) : null;
            ChatExample edited = e.get("edited") instanceof BlobRef ref ? ChatExample.parse(lines(ref).get(0)) : null;
            examples.add(new DatasetExample(i + 1, status, cycles, e.get("selector") instanceof String s ? s : null,
                    curated, edited));
        }
        return new Dataset(id, dataset, tx.peek(dataset, "missionType") instanceof String t ? t : null,
                tx.peek(dataset, "created") instanceof String c ? c : null, data, examples);
    }

    private List<Map<String, Object>> entries(long dataset) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (tx.peek(dataset, "examples") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> copy = new LinkedHashMap<>();
                if (item instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                }
                out.add(copy);
            }
        }
        return out;
    }

    /** The non-empty lines of a blob of JSONL. */
    private List<String> lines(BlobRef ref) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = tx.image().blobs().open(ref);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot read dataset blob " + ref.sha256() + ": "
                    + e.getMessage(), e);
        }
        return lines;
    }

    private static boolean isId(String slot) {
        return !slot.isEmpty() && slot.length() < 19 && slot.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    private static void strings(Object value, java.util.Collection<String> into) {
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    into.add(s);
                }
            }
        }
    }
}
