package io.batos.memory;

import java.util.Objects;

/**
 * How a cycle id says which mission attempt it is: a first attempt has a plain id
 * ({@code 3fa2b1c0d9e8}), its n-th correction the root's id, a dot and n ({@code 3fa2b1c0d9e8.2}).
 *
 * <p>Why in the id: the audit log carries exactly the blueprint's fields (DESIGN.md §9), and none
 * of them links a correction to the attempt it corrects; the mission brief hash is the same for
 * every attempt, but also for a later, unrelated send of the same selector. An id that names its
 * root keeps the chain whole in every record, every catalog document and every search hit,
 * whatever order the events arrive in — and the meta-analysis can say how often self-correction
 * worked. An id of any other shape is a root of depth 0 (older logs, hand-written ones).
 *
 * @param root  the id of the mission's first attempt
 * @param depth 0 for the first attempt, n for the n-th correction
 */
public record CycleLineage(String root, int depth) {
    public CycleLineage {
        Objects.requireNonNull(root, "root");
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative: " + depth);
        }
    }

    /** The lineage a cycle id encodes. */
    public static CycleLineage of(String cycleId) {
        int dot = cycleId.lastIndexOf('.');
        if (dot > 0 && dot < cycleId.length() - 1 && cycleId.length() - dot <= 4) {
            String suffix = cycleId.substring(dot + 1);
            if (suffix.chars().allMatch(ch -> ch >= '0' && ch <= '9') && suffix.charAt(0) != '0') {
                return new CycleLineage(cycleId.substring(0, dot), Integer.parseInt(suffix));
            }
        }
        return new CycleLineage(cycleId, 0);
    }

    /** The id of this attempt. */
    public String id() {
        return depth == 0 ? root : root + "." + depth;
    }

    /** The attempt this one corrects, or null for a first attempt. */
    public String parentId() {
        return depth == 0 ? null : new CycleLineage(root, depth - 1).id();
    }

    /** The id of the next correction. */
    public String correctionId() {
        return new CycleLineage(root, depth + 1).id();
    }
}
