package io.batos.memory.flywheel;

import io.batos.memory.CycleDocument;
import io.batos.memory.CycleLineage;
import io.batos.memory.flywheel.MetacognitionReport.Corrections;
import io.batos.memory.flywheel.MetacognitionReport.FailurePattern;
import io.batos.memory.flywheel.MetacognitionReport.FindingCount;
import io.batos.memory.flywheel.MetacognitionReport.StateTally;
import io.batos.memory.flywheel.MetacognitionReport.Tally;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ALFRED's meta-analysis: folds catalog documents into a {@link MetacognitionReport}.
 *
 * <p>Pure and deterministic — the same documents give the same report, in any order — so the
 * report's figures can be checked against a synthetic log whose true figures are known, and the
 * command line, the server and the workbench all show the same numbers. The outcome words are the
 * audit log's ({@code COMPLETE}, {@code FAILED}); the correction chain comes from the cycle ids
 * ({@link CycleLineage}).
 */
public final class MetaAnalysis {
    /** How many rules {@code topFailureFindings} lists. */
    public static final int TOP_FINDINGS = 10;
    /** How many patterns {@code failurePatterns} lists. */
    public static final int TOP_PATTERNS = 20;

    static final String COMPLETE = "COMPLETE";
    static final String FAILED = "FAILED";
    private static final String VALIDATION_FAILURE = "VALIDATION_FAILURE";
    private static final String CORRECTION_DISPATCHED = "CORRECTION_DISPATCHED";

    private MetaAnalysis() {
    }

    /** The report over {@code documents} (each a different cycle). */
    public static MetacognitionReport analyze(Collection<CycleDocument> documents) {
        List<CycleDocument> docs = new ArrayList<>(documents);
        docs.sort(Comparator.comparing(CycleDocument::cycleId));
        Counter totals = new Counter();
        Map<String, Counter> byType = new LinkedHashMap<>();
        Map<String, Counter> byPersona = new LinkedHashMap<>();
        Map<String, long[]> byState = new LinkedHashMap<>(); // entered, passed, failed
        for (CycleDocument d : docs) {
            totals.add(d);
            byType.computeIfAbsent(d.missionType() == null ? "unknown" : d.missionType(), k -> new Counter()).add(d);
            for (String persona : d.personas()) {
                byPersona.computeIfAbsent(persona, k -> new Counter()).add(d);
            }
            tallyStates(d, byState);
        }
        Map<String, StateTally> states = new LinkedHashMap<>();
        stateOrder(docs, byState.keySet()).forEach(state -> {
            long[] t = byState.get(state);
            states.put(state, new StateTally(t[0], t[1], t[2], rate(t[1], t[1] + t[2])));
        });
        Map<String, Tally> types = new LinkedHashMap<>();
        byType.keySet().stream().sorted().forEach(type -> types.put(type, byType.get(type).tally()));
        Map<String, Tally> personas = new LinkedHashMap<>();
        byPersona.keySet().stream().sorted().forEach(p -> personas.put(p, byPersona.get(p).tally()));
        Missions missions = new Missions(docs);
        return new MetacognitionReport(totals.tally(), types, states, personas, topFindings(docs),
                missions.corrections(docs), patterns(docs, missions));
    }

    private static void tallyStates(CycleDocument d, Map<String, long[]> byState) {
        List<String> path = d.states();
        String failedIn = null;
        if (FAILED.equals(d.outcome())) {
            for (int i = path.size() - 1; i >= 0; i--) {
                if (!isEnd(path.get(i))) {
                    failedIn = path.get(i);
                    break;
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < path.size(); i++) {
            String state = path.get(i);
            if (isEnd(state) || !seen.add(state)) {
                continue;
            }
            long[] t = byState.computeIfAbsent(state, k -> new long[3]);
            t[0]++;
            if (state.equals(failedIn)) {
                t[2]++;
            } else if (lastIndexOf(path, state) < path.size() - 1) {
                t[1]++;
            }
        }
    }

    /** The states in the order cycles pass them: by their earliest position in any path, then by name. */
    private static List<String> stateOrder(List<CycleDocument> docs, Set<String> states) {
        Map<String, Integer> earliest = new HashMap<>();
        for (CycleDocument d : docs) {
            List<String> path = d.states();
            for (int i = 0; i < path.size(); i++) {
                earliest.merge(path.get(i), i, Math::min);
            }
        }
        return states.stream().sorted(Comparator.<String>comparingInt(s -> earliest.getOrDefault(s, 0))
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    private static List<FindingCount> topFindings(List<CycleDocument> docs) {
        Map<String, Long> cycles = new HashMap<>();
        Map<String, Map<String, Long>> messages = new HashMap<>();
        for (CycleDocument d : docs) {
            Set<String> rules = new LinkedHashSet<>();
            for (Map<String, Object> f : failures(d)) {
                String rule = rule(f);
                rules.add(rule);
                messages.computeIfAbsent(rule, k -> new HashMap<>()).merge(String.valueOf(f.get("message")), 1L, Long::sum);
            }
            rules.forEach(rule -> cycles.merge(rule, 1L, Long::sum));
        }
        return cycles.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_FINDINGS)
                .map(e -> new FindingCount(e.getKey(), e.getValue(), mostFrequent(messages.get(e.getKey()))))
                .toList();
    }

    private static List<FailurePattern> patterns(List<CycleDocument> docs, Missions missions) {
        Map<List<String>, long[]> patterns = new HashMap<>(); // cycles, corrected, rescued
        for (CycleDocument d : docs) {
            Set<List<String>> keys = new LinkedHashSet<>();
            for (Map<String, Object> f : failures(d)) {
                keys.add(List.of(text(f.get("state")), rule(f), text(f.get("persona"))));
            }
            boolean corrected = d.eventTypes().contains(CORRECTION_DISPATCHED);
            boolean rescued = missions.rescuedAfter(d);
            for (List<String> key : keys) {
                long[] t = patterns.computeIfAbsent(key, k -> new long[3]);
                t[0]++;
                t[1] += corrected ? 1 : 0;
                t[2] += rescued ? 1 : 0;
            }
        }
        return patterns.entrySet().stream()
                .map(e -> new FailurePattern(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2], (double) e.getValue()[2] / e.getValue()[0]))
                .sorted(Comparator.comparingLong(FailurePattern::cycles).reversed()
                        .thenComparing(FailurePattern::state).thenComparing(FailurePattern::rule)
                        .thenComparing(FailurePattern::persona))
                .limit(TOP_PATTERNS).toList();
    }

    /** The findings of a cycle's failed validations. */
    private static List<Map<String, Object>> failures(CycleDocument d) {
        return d.findings().stream().filter(f -> VALIDATION_FAILURE.equals(f.get("event"))).toList();
    }

    private static String rule(Map<String, Object> finding) {
        return finding.get("rule") == null ? "unknown" : String.valueOf(finding.get("rule"));
    }

    private static String text(Object value) {
        return value == null ? "unknown" : String.valueOf(value);
    }

    private static boolean isEnd(String state) {
        return COMPLETE.equals(state) || FAILED.equals(state);
    }

    private static int lastIndexOf(List<String> path, String state) {
        return path.lastIndexOf(state);
    }

    /** The message given most often; of equally frequent ones, the first in text order. */
    private static String mostFrequent(Map<String, Long> counts) {
        String best = null;
        long most = 0;
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counts).entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** Outcome counts of a group of cycles. */
    private static final class Counter {
        long cycles;
        long complete;
        long failed;

        void add(CycleDocument d) {
            cycles++;
            if (COMPLETE.equals(d.outcome())) {
                complete++;
            } else if (FAILED.equals(d.outcome())) {
                failed++;
            }
        }

        Tally tally() {
            return new Tally(cycles, complete, failed, cycles - complete - failed, rate(complete, complete + failed));
        }
    }

    /** The cycles grouped into missions: a first attempt and its corrections, by {@link CycleLineage}. */
    private static final class Missions {
        /** The smallest correction depth that completed, by root; absent when none did. */
        private final Map<String, Integer> completedAt = new HashMap<>();
        private final Map<String, Integer> firstAttemptFailed = new HashMap<>();
        private final Set<String> roots = new LinkedHashSet<>();

        Missions(List<CycleDocument> docs) {
            for (CycleDocument d : docs) {
                CycleLineage lineage = CycleLineage.of(d.cycleId());
                roots.add(lineage.root());
                if (COMPLETE.equals(d.outcome())) {
                    completedAt.merge(lineage.root(), lineage.depth(), Math::min);
                } else if (FAILED.equals(d.outcome()) && lineage.depth() == 0) {
                    firstAttemptFailed.put(lineage.root(), 0);
                }
            }
        }

        /** Whether a later attempt of {@code d}'s mission completed. */
        boolean rescuedAfter(CycleDocument d) {
            CycleLineage lineage = CycleLineage.of(d.cycleId());
            Integer done = completedAt.get(lineage.root());
            return done != null && done > lineage.depth();
        }

        Corrections corrections(List<CycleDocument> docs) {
            long dispatched = docs.stream().filter(d -> d.eventTypes().contains(CORRECTION_DISPATCHED)).count();
            long rescued = firstAttemptFailed.keySet().stream()
                    .filter(root -> completedAt.getOrDefault(root, 0) > 0).count();
            long depths = 0;
            long successes = 0;
            for (CycleDocument d : docs) {
                if (COMPLETE.equals(d.outcome())) {
                    successes++;
                    depths += CycleLineage.of(d.cycleId()).depth();
                }
            }
            return new Corrections(dispatched, roots.size(), completedAt.size(), rescued,
                    successes == 0 ? null : (double) depths / successes);
        }
    }
}
