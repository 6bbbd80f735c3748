package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RebuildProgressTest {
    @Test
    void staysQuietForASecondThenReportsShareAndRateEveryTwoSeconds() {
        long[] now = {0};
        StringWriter text = new StringWriter();
        RebuildProgress progress = new RebuildProgress(new PrintWriter(text), () -> now[0]);
        now[0] = 500_000_000L;
        progress.replayed(10, 1_000, 100, 1_000);
        assertThat(text.toString()).isEmpty();
        now[0] = 2_000_000_000L;
        progress.replayed(50, 400_000, 500, 1_000);
        now[0] = 3_000_000_000L;
        progress.replayed(60, 500_000, 600, 1_000);
        now[0] = 4_000_000_000L;
        progress.replayed(100, 800_000, 1_000, 1_000);
        assertThat(text.toString().lines()).containsExactly(
                "rebuilding the index from the log: 50% (50 transactions, 200,000 objects/s)",
                "rebuilding the index from the log: 100% (100 transactions, 200,000 objects/s)");
    }

    @Test
    void saysNothingWhenNothingWasReplayedHoweverSlowTheOpen() {
        long[] now = {0};
        StringWriter text = new StringWriter();
        RebuildProgress progress = new RebuildProgress(new PrintWriter(text), () -> now[0]);
        // Seen under `batos soak` on a loaded machine: a clean open took over a second.
        now[0] = 3_000_000_000L;
        progress.replayed(0, 0, 1_000, 1_000);
        assertThat(text.toString()).isEmpty();
    }
}
