package io.batos.cli;

import io.batos.image.LivingImage;
import java.io.PrintWriter;

/**
 * Shows on stderr how far an index rebuild has come, so a long recovery after a crash is never a
 * silent hang.
 *
 * <p>Quiet for the first second (a small image rebuilds faster than anyone could read it), then
 * one line about every two seconds with the share of the log replayed and the rate.
 */
final class RebuildProgress implements LivingImage.Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final java.util.function.LongSupplier clock;
    private final long started;
    private long lastShown;

    RebuildProgress(PrintWriter err) {
        this(err, System::nanoTime);
    }

    RebuildProgress(PrintWriter err, java.util.function.LongSupplier clock) {
        this.err = err;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastShown = started;
    }

    @Override
    public void replayed(long records, long objects, long bytes, long totalBytes) {
        if (records == 0) {
            // Opening reports once at the end even when it trusted the index and replayed nothing:
            // that is no rebuild, however long a loaded machine took to open the files.
            return;
        }
        long now = clock.getAsLong();
        if (now - started < QUIET_NANOS || now - lastShown < EVERY_NANOS && bytes < totalBytes) {
            return;
        }
        lastShown = now;
        double seconds = (now - started) / 1e9;
        long percent = totalBytes == 0 ? 100 : bytes * 100 / totalBytes;
        err.printf(java.util.Locale.ROOT, "rebuilding the index from the log: %d%% (%,d transactions, %,.0f objects/s)%n", percent,
                records, objects / seconds);
        err.flush();
    }
}
