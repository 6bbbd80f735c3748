package io.batos.memory.flywheel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ALFRED's meta-analysis of every cognitive cycle the system remembers: how many ended well, where
 * and under whom they failed, which findings recur, and how often self-correction rescued a
 * mission. {@link MetaAnalysis} computes it; {@link #toMap} is its JSON form (DESIGN.md §12:
 * {@code totals {cycles, complete, failed, successRate}} and breakdowns by state, persona and
 * mission type).
 *
 * <p>Every rate is a share of cycles that had ended (complete or failed); a cycle still running
 * counts in {@code cycles} and {@code running} only, and a rate with nothing ended is null.
 *
 * @param totals              every cycle
 * @param byMissionType       per mission type ({@code method}, {@code data})
 * @param byState             per PSM state, in the order a cycle passes them
 * @param byPersona           per persona that spoke in a cycle
 * @param topFailureFindings  the guardian rules that failed most cycles, most first
 * @param corrections         what the self-correction loop did
 * @param failurePatterns     the failures by (state, rule, persona active then) and how often a
 *                            correction then rescued the mission, most frequent first
 */
public record MetacognitionReport(Tally totals, Map<String, Tally> byMissionType, Map<String, StateTally> byState,
                                  Map<String, Tally> byPersona, List<FindingCount> topFailureFindings,
                                  Corrections corrections, List<FailurePattern> failurePatterns) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Outcomes of a group of cycles.
     *
     * @param successRate complete / (complete + failed), null when none ended
     */
    public record Tally(long cycles, long complete, long failed, long running, Double successRate) {
    }

    /**
     * What became of the cycles that entered one state.
     *
     * @param entered     cycles whose path passed through the state
     * @param passed      of those, the ones that left it for a state other than FAILED
     * @param failed      the ones that failed in it (their last state before FAILED)
     * @param successRate passed / (passed + failed), null when none left it
     */
    public record StateTally(long entered, long passed, long failed, Double successRate) {
    }

    /**
     * A guardian rule that failed cycles.
     *
     * @param cycles  how many cycles a failing validation with this rule ended or corrected
     * @param example the message it gave most often
     */
    public record FindingCount(String rule, long cycles, String example) {
    }

    /**
     * The self-correction loop's record.
     *
     * @param dispatched                 corrections dispatched (cycles that failed validation and
     *                                   handed a corrected brief on)
     * @param missions                   distinct missions (a first attempt and its corrections)
     * @param missionsComplete           missions one of whose attempts completed
     * @param missionsRescued            missions whose first attempt failed and a correction completed
     * @param meanCorrectionsPerSuccess  the mean correction depth of the complete cycles, null when none
     */
    public record Corrections(long dispatched, long missions, long missionsComplete, long missionsRescued,
                              Double meanCorrectionsPerSuccess) {
    }

    /**
     * Failing cycles that share a state, a rule and the persona active at the failure — e.g.
     * "VALIDATING failed on {@code covenant} while BRICK was active" — and what came after.
     *
     * @param cycles       cycles that failed so
     * @param corrected    of those, the ones that dispatched a correction
     * @param rescued      of those, the ones whose mission a later correction completed
     * @param rescueRate   rescued / cycles
     */
    public record FailurePattern(String state, String rule, String persona, long cycles, long corrected, long rescued,
                                 double rescueRate) {
    }

    /**
     * The report as JSON-ready maps and lists: the records' components by name, in declaration
     * order (DESIGN.md §12's camelCase), counts as {@link Long} (Jackson keeps a {@code long}
     * component's type) and rates as {@link Double} or null — values the image can hold, since
     * ALFRED's primitive answers this map.
     */
    public Map<String, Object> toMap() {
        return JSON.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
