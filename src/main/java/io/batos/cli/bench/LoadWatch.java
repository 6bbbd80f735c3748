package io.batos.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the machine's 1-minute load average while a benchmark runs, so its record can say how
 * busy the machine was.
 *
 * <p>A figure from a machine at load 8 on 2 cores means something else than one from an idle
 * machine; the record keeps the range seen, sampled every two seconds on a daemon thread.
 */
public final class LoadWatch implements AutoCloseable {
    private final ScheduledExecutorService sampler;
    private double min = Double.MAX_VALUE;
    private double max = -1;

    private LoadWatch() {
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batos-load-watch");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 0, 2, TimeUnit.SECONDS);
    }

    /** Starts watching now. */
    public static LoadWatch start() {
        return new LoadWatch();
    }

    private synchronized void sample() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            min = Math.min(min, load);
            max = Math.max(max, load);
        }
    }

    /** The range seen so far, "0.6–2.4" (one value when it did not move, "" when unknown). */
    public synchronized String range() {
        sample();
        if (max < 0) {
            return "";
        }
        String lo = String.format(Locale.ROOT, "%.1f", min);
        String hi = String.format(Locale.ROOT, "%.1f", max);
        return lo.equals(hi) ? lo : lo + "–" + hi;
    }

    /** Starts over: the next {@link #range()} covers only what follows. */
    public synchronized void reset() {
        min = Double.MAX_VALUE;
        max = -1;
        sample();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
