package io.batos.workbench;

import io.batos.kernel.Vessel;
import io.batos.memory.AuditLines;
import io.batos.memory.flywheel.Curator;
import io.batos.testing.Codexes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A known audit log for the memory and dataset views: three methods written at once (fibonacci,
 * factorial, greet), one refused on the covenant in VALIDATING (tally), one whose plan BRICK's
 * DECOMPOSING refused (party) — so the report's figures can be worked out by hand:
 *
 * <ul>
 *   <li>totals: 5 cycles, 3 complete, 2 failed — 60 %;</li>
 *   <li>VALIDATING: entered by 4, passed by 3, failed by 1 — 75 %; DECOMPOSING: 5, 4, 1 — 80 %;</li>
 *   <li>BRICK spoke in all 5 (3 complete) — 60 %; ALFRED, BABS and ROBIN in the 4 that got past the
 *       plan (3 complete) — 75 %;</li>
 *   <li>failure findings: covenant 1 cycle, plan 1 cycle.</li>
 * </ul>
 */
public final class RememberedCycles {
    public static final String FIBONACCI = "a00000000001";
    public static final String FACTORIAL = "a00000000002";
    public static final String GREET = "a00000000003";
    public static final String TALLY = "a00000000004";
    public static final String PARTY = "a00000000005";
    /** The covenant finding that failed {@link #TALLY}. */
    public static final String COVENANT_MESSAGE = "tally changes self without markChanged()";

    private RememberedCycles() {
    }

    /** The SYNTHESIZING answer for a selector: a method artifact as ROBIN writes it. */
    public static String artifact(String selector) {
        return "{\"selector\": \"" + selector + "\", \"source\": \"Object " + selector
                + "(UvmObject self, Object... args) { return 1L; }\", \"rationale\": \"" + selector + " as asked\"}";
    }

    /** Appends the five cycles to the image's audit log (not yet ingested). */
    public static void log(Vessel vessel) {
        Path log = vessel.image().directory().resolve("metacognition.jsonl");
        Instant t = Instant.parse("2026-11-20T09:00:00Z");
        List<String> lines = new ArrayList<>();
        String[][] done = {{FIBONACCI, "fibonacci"}, {FACTORIAL, "factorial"}, {GREET, "greet"}};
        for (String[] cycle : done) {
            lines.addAll(AuditLines.cycle(cycle[0], cycle[1], t, "Write the method " + cycle[1] + " for lobby",
                    artifact(cycle[1]), List.of()));
            t = t.plusSeconds(60);
        }
        lines.addAll(AuditLines.cycle(TALLY, "tally", t, "Write the method tally for lobby", artifact("tally"),
                List.of(AuditLines.finding("covenant", "error", COVENANT_MESSAGE, 4))));
        lines.addAll(AuditLines.failedPlan(PARTY, "party", t.plusSeconds(60), "the plan has no steps"));
        AuditLines.append(log, lines);
    }

    /** Logs and ingests the five cycles: the knowledge catalog then holds them. */
    public static void remember(Vessel vessel) {
        log(vessel);
        vessel.memory().ingest();
    }

    /**
     * Lets ALFRED curate with a threshold of two: dataset 1 then holds the three successes, one
     * example each.
     */
    public static void curate(Vessel vessel) {
        Codexes.setAlfred(vessel, Curator.THRESHOLD_KEY, 2L);
        vessel.flywheel().curate();
    }
}
