package io.batos.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fair scheduler alone, driven step by step with a hand-cranked executor. */
class LaneTest {
    private final ArrayDeque<Runnable> started = new ArrayDeque<>();
    private final List<String> ran = new ArrayList<>();

    private Lane.Job job(String client, String name) {
        return new Lane.Job(client, new Route(client.getBytes(), false), null, () -> ran.add(name));
    }

    /** Runs the oldest started job and tells the lane it finished. */
    private void finishOne(Lane lane) {
        Runnable r = started.poll();
        r.run();
        String name = ran.get(ran.size() - 1);
        lane.finished(name.substring(0, 1));
    }

    @Test
    void clientsTakeTurnsSoAFloodWaitsBehindEveryoneElse() {
        Lane lane = new Lane(started::add, 1, 1, 100);
        for (int i = 0; i < 10; i++) {
            assertThat(lane.submit(job("a", "a" + i))).isTrue();
        }
        lane.submit(job("b", "b0"));
        lane.submit(job("c", "c0"));
        while (!started.isEmpty()) {
            finishOne(lane);
        }
        assertThat(ran).startsWith("a0", "b0", "c0", "a1", "a2");
        assertThat(ran).hasSize(12);
        assertThat(lane.running()).isZero();
        assertThat(lane.clients()).as("idle clients are forgotten").isZero();
    }

    @Test
    void aClientRunsNoMoreThanItsShareAtOnceAndWaitsNoMoreThanItsQueue() {
        Lane lane = new Lane(started::add, 8, 2, 3);
        for (int i = 0; i < 5; i++) {
            assertThat(lane.submit(job("a", "a" + i))).isTrue();
        }
        // Two running, three waiting: the sixth is refused.
        assertThat(lane.running()).isEqualTo(2);
        assertThat(lane.submit(job("a", "a5"))).isFalse();
        lane.submit(job("b", "b0"));
        assertThat(lane.running()).isEqualTo(3);
        finishOne(lane);
        assertThat(lane.running()).isEqualTo(3);
        List<Lane.Job> waiting = lane.drainWaiting();
        assertThat(waiting).extracting(Lane.Job::client).containsOnly("a").hasSize(2);
    }
}
