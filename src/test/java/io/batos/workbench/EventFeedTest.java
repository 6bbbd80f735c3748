package io.batos.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.events.Event;
import io.batos.events.EventBus;
import io.batos.kernel.Kernel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event feed without JavaFX: its "run later on the UI thread" executor is a queue the test
 * runs by hand (or one thread of its own), and the events come from a real kernel's bus.
 */
class EventFeedTest {
    @TempDir
    Path dir;
    ImageFixture image;
    Kernel kernel;
    EventBus bus;

    @BeforeEach
    void open() {
        image = new ImageFixture(dir.resolve("image"));
        kernel = image.kernel();
        bus = image.vessel().events();
    }

    @AfterEach
    void close() {
        image.close();
    }

    private static Event event(String topic, int n) {
        return Event.of(topic, "N", Map.of("n", n));
    }

    @Test
    void aFloodOfEventsReachesTheListenerInOrderInFarFewerUiTasks() {
        ArrayDeque<Runnable> ui = new ArrayDeque<>();
        EventFeed feed = new EventFeed(kernel, ui::add);
        List<Integer> seen = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        feed.on("tokens", batch -> {
            batches.add(batch.size());
            batch.forEach(e -> seen.add((Integer) e.fields().get("n")));
        });
        for (int i = 0; i < 10_000; i++) {
            bus.publish(event("tokens", i));
        }
        // However many events, at most one drain waits on the UI thread.
        assertThat(ui).hasSize(1);
        int tasks = 0;
        while (!ui.isEmpty()) {
            ui.poll().run();
            tasks++;
        }
        assertThat(seen).hasSize(10_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(tasks).isEqualTo(10_000 / EventFeed.MAX_BATCH);
        assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(EventFeed.MAX_BATCH));
        feed.close();
    }

    @Test
    void listenersGetOnlyTheirTopicAndAnEventAfterADrainSchedulesTheNext() {
        ArrayDeque<Runnable> ui = new ArrayDeque<>();
        EventFeed feed = new EventFeed(kernel, ui::add);
        List<String> sample = new ArrayList<>();
        List<String> tx = new ArrayList<>();
        feed.on("sample", batch -> batch.forEach(e -> sample.add(e.topic() + e.fields().get("n"))));
        feed.on("tx", batch -> batch.forEach(e -> tx.add(e.topic() + e.fields().get("n"))));
        feed.on("sample", batch -> {
            throw new IllegalStateException("a broken view");
        });
        bus.publish(event("sample", 1));
        bus.publish(event("tx", 2));
        bus.publish(event("verdict", 3));
        ui.poll().run();
        assertThat(ui).isEmpty();
        assertThat(sample).containsExactly("sample1");
        assertThat(tx).containsExactly("tx2");
        // A commit through the kernel is announced on tx and reaches the feed too.
        kernel.set(kernel.lobby(), "x", 1L);
        assertThat(ui).hasSize(1);
        ui.poll().run();
        assertThat(tx).hasSize(2);
        feed.close();
        bus.publish(event("tx", 4));
        assertThat(ui).isEmpty();
    }

    @Test
    void publishersOnManyThreadsAreDeliveredCompletelyEachInItsOrderWithNeverMoreThanOneDrainPending()
            throws Exception {
        ExecutorService uiThread = Executors.newSingleThreadExecutor();
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger mostPending = new AtomicInteger();
        AtomicInteger tasks = new AtomicInteger();
        EventFeed feed = new EventFeed(kernel, task -> {
            mostPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
            tasks.incrementAndGet();
            uiThread.execute(() -> {
                pending.decrementAndGet();
                task.run();
            });
        });
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        feed.on("tokens", seen::addAll);
        int publishers = 4;
        int each = 20_000;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    bus.publish(Event.of("tokens", "N", Map.of("publisher", publisher, "n", i)));
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (seen.size() < publishers * each && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        uiThread.shutdown();
        assertThat(seen).hasSize(publishers * each);
        int[] next = new int[publishers];
        for (Event e : List.copyOf(seen)) {
            int publisher = (Integer) e.fields().get("publisher");
            assertThat(e.fields().get("n")).isEqualTo(next[publisher]++);
        }
        assertThat(mostPending.get()).isEqualTo(1);
        assertThat(tasks.get()).isLessThan(publishers * each / 10);
        feed.close();
    }
}
