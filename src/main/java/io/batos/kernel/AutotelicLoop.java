package io.batos.kernel;

import io.batos.events.Event;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.memory.MemoryGenesis;
import io.batos.memory.flywheel.FlywheelGenesis;
import io.batos.object.UvmObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The autotelic loop: on a schedule, and once more at shutdown, the system reflects on its own
 * thinking — it sends ALFRED {@code ingestCognitiveAuditLog}, then {@code analyzeCognitiveCycles}
 * and {@code curateFineTuningDatasets} when there was something new (DESIGN.md §9).
 *
 * <p>Why messages and not calls: the three are slots on ALFRED, so an architect who rewrites one
 * changes what the loop does, as in the blueprint. Only long-running processes run the loop (the
 * workbench, {@code batos serve}); a one-shot command never does. A pass that finds nothing new
 * commits nothing: ingestion commits only events it read, and analysis and curation run only after
 * an ingestion took something in (and on the first pass, which catches up after a restart).
 * Each pass is announced on topic {@code log}; a pass that fails is logged once and the schedule
 * goes on.
 */
public final class AutotelicLoop implements AutoCloseable {
    /** The period when nothing else is configured. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(10);
    /** The system property that sets the period: ISO 8601 ({@code PT10M}) or whole seconds. */
    public static final String PERIOD_PROPERTY = "batos.autotelic.period";
    /** The topic passes are announced on. */
    public static final String TOPIC = "log";

    private static final Logger LOG = Logger.getLogger(AutotelicLoop.class.getName());

    private final Vessel vessel;
    private final ScheduledExecutorService schedule;
    private boolean firstPassDone;
    private boolean closed;

    private AutotelicLoop(Vessel vessel, Duration period) {
        this.vessel = vessel;
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batos-autotelic");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, period.toMillis());
        schedule.scheduleWithFixedDelay(this::scheduledPass, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts the loop on {@code vessel}: the first pass after one period. */
    static AutotelicLoop start(Vessel vessel, Duration period) {
        return new AutotelicLoop(vessel, period);
    }

    /** The configured period: {@value #PERIOD_PROPERTY}, else {@link #DEFAULT_PERIOD}. */
    public static Duration configuredPeriod() {
        String value = System.getProperty(PERIOD_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_PERIOD;
        }
        try {
            return value.strip().chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value.strip()))
                    : Duration.parse(value.strip());
        } catch (DateTimeParseException | ArithmeticException e) {
            LOG.warning("ignoring -D" + PERIOD_PROPERTY + "=" + value + " (not PT10M or seconds); using "
                    + DEFAULT_PERIOD);
            return DEFAULT_PERIOD;
        }
    }

    /**
     * What one pass did.
     *
     * @param events   audit events ingested
     * @param cycles   cycles those events belonged to
     * @param analyzed whether the meta-analysis ran
     * @param report   the report when it ran (as ALFRED answered it), else null
     * @param datasets the ids of the datasets curated
     */
    public record Pass(long events, long cycles, boolean analyzed, Map<String, Object> report, List<String> datasets) {
        public Pass {
            datasets = List.copyOf(datasets);
        }
    }

    /** Runs one pass now, on the caller's thread (passes never overlap). */
    public synchronized Pass runOnce() {
        Map<String, Object> ingested = send(MemoryGenesis.INGEST_SELECTOR);
        long events = number(ingested.get("events"));
        long cycles = number(ingested.get("cycles"));
        boolean reflect = events > 0 || !firstPassDone;
        firstPassDone = true;
        Map<String, Object> report = null;
        List<String> datasets = new ArrayList<>();
        if (reflect) {
            report = send(FlywheelGenesis.ANALYZE_SELECTOR);
            if (send(FlywheelGenesis.CURATE_SELECTOR).get("datasets") instanceof List<?> made) {
                for (Object d : made) {
                    if (d instanceof Map<?, ?> m && m.get("id") != null) {
                        datasets.add(String.valueOf(m.get("id")));
                    }
                }
            }
        }
        Pass pass = new Pass(events, cycles, reflect, report, datasets);
        announce(pass);
        return pass;
    }

    private void scheduledPass() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the autotelic pass failed: " + e.getMessage(), e);
        }
    }

    /** Sends a selector to ALFRED in a transaction of its own; the answer as a map (empty when none). */
    private Map<String, Object> send(String selector) {
        return vessel.image().inTransaction("autotelic: ALFRED " + selector, "autotelic", 1, tx -> {
            Object answer = alfred(tx).send(selector);
            Map<String, Object> out = new LinkedHashMap<>();
            if (answer instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
            }
            return out;
        });
    }

    private UvmObject alfred(Transaction tx) {
        UvmObject lobby = vessel.space().lobby(tx);
        if (lobby.get("personas") instanceof ObjectRef personas
                && lobby.resolve(personas).get("ALFRED") instanceof ObjectRef alfred) {
            return lobby.resolve(alfred);
        }
        throw new io.batos.image.ImageException(io.batos.image.ImageException.Code.NOT_FOUND,
                "this image has no lobby.personas.ALFRED to reflect with");
    }

    private void announce(Pass pass) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("events", pass.events());
        fields.put("cycles", pass.cycles());
        fields.put("datasets", new ArrayList<Object>(pass.datasets()));
        String rate = "";
        if (pass.report() != null && pass.report().get("totals") instanceof Map<?, ?> totals) {
            fields.put("totals", totals);
            rate = "; " + totals.get("cycles") + " cycles remembered"
                    + (totals.get("successRate") instanceof Double r
                    ? String.format(java.util.Locale.ROOT, ", %.0f%% complete", r * 100) : "");
        }
        fields.put("message", "ALFRED reflected: " + pass.events() + " new audit events of " + pass.cycles() + " cycles"
                + rate + (pass.datasets().isEmpty() ? "" : "; curated dataset " + String.join(", ", pass.datasets())));
        vessel.events().publish(Event.of(TOPIC, "AUTOTELIC_PASS", fields));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /**
     * Stops the schedule, waits for a running pass, then runs the shutdown pass (its failure is
     * logged, never thrown: closing must go on). Safe to call twice.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        schedule.shutdown(); // a running pass finishes; no later one starts
        try {
            schedule.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the shutdown pass of the autotelic loop failed: " + e.getMessage(), e);
        }
    }
}
