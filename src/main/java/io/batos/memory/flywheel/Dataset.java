package io.batos.memory.flywheel;

import io.batos.image.BlobRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fine-tuning dataset ALFRED curated, as stored in the image ({@code lobby.datasets.<id>}).
 *
 * @param id          a small number as text ({@code "1"}, {@code "2"}, …), unique in the image
 * @param oid         the dataset object
 * @param missionType the missions it teaches ({@code method}, {@code data})
 * @param created     when it was curated (ISO 8601, UTC)
 * @param blob        the curated JSONL, one chat example per line, as curated (edits are kept per example)
 * @param examples    the examples with their review status
 */
public record Dataset(String id, long oid, String missionType, String created, BlobRef blob,
                      List<DatasetExample> examples) {
    public Dataset {
        examples = List.copyOf(examples);
    }

    /** How many examples have the given status. */
    public long count(ReviewStatus status) {
        return examples.stream().filter(e -> e.status() == status).count();
    }

    /** One line of a listing: id, mission type, when, how many examples and how each is reviewed. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("missionType", missionType);
        m.put("created", created);
        m.put("size", (long) examples.size());
        for (ReviewStatus status : ReviewStatus.values()) {
            m.put(status.word(), count(status));
        }
        return m;
    }

    /** The whole dataset: the summary, and each example with its status, provenance and messages. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = summary();
        List<Object> list = new ArrayList<>();
        for (DatasetExample e : examples) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("number", (long) e.number());
            x.put("status", e.status().word());
            x.put("selector", e.selector());
            x.put("cycles", new ArrayList<Object>(e.cycles()));
            x.put("edited", e.edited() != null);
            List<Object> messages = new ArrayList<>();
            if (e.effective() != null) {
                for (ChatExample.Turn t : e.effective().messages()) {
                    Map<String, Object> turn = new LinkedHashMap<>();
                    turn.put("role", t.role());
                    turn.put("content", t.content());
                    messages.add(turn);
                }
            }
            x.put("messages", messages);
            list.add(x);
        }
        m.put("examples", list);
        return m;
    }
}
