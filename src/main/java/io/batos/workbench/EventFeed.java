package io.batos.workbench;

import io.batos.events.Event;
import io.batos.kernel.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The process's live events — commits, cycle transitions, the model's streamed output — handed
 * to the UI thread in batches, for the views that watch the image change.
 *
 * <p>Why batches: the kernel's bus calls its subscribers on the publishing thread (a commit's, a
 * cycle's, the model's), many times a second while a model writes. One {@code Platform.runLater}
 * per event would queue thousands of runnables and starve the pulse that paints the window. So I
 * put every event in a concurrent queue and keep <em>at most one</em> drain pending on the UI
 * thread: the first event after a drain schedules the next one, later events ride along. However
 * fast events come, the UI thread runs one short task per pulse or so, each with everything that
 * arrived meanwhile (at most {@value #MAX_BATCH}; the rest follow in the next drain).
 *
 * <p>Contract: listeners register by topic ({@link Kernel#PSM_TOPIC}, {@link Kernel#TOKENS_TOPIC},
 * {@link Kernel#TX_TOPIC}, …) on the UI thread and are called there, with the events of their topic
 * in the order they were published (as the bus saw them); a listener that throws does not keep
 * the others from theirs. The "run later on the UI thread" executor is injected, so tests drive
 * me without JavaFX; the application uses {@link #onFx(Kernel)}.
 */
public final class EventFeed implements AutoCloseable {
    /** The most events one drain hands over, so one UI task stays short however large a burst. */
    public static final int MAX_BATCH = 2_000;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(EventFeed.class.getName());

    private final Executor uiLater;
    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    /** By topic; touched only on the UI thread. */
    private final Map<String, List<Consumer<List<Event>>>> listeners = new LinkedHashMap<>();
    private final AutoCloseable subscription;
    private volatile boolean closed;

    /**
     * Subscribes to the kernel's events.
     *
     * @param uiLater runs a task later on the UI thread, never at once on the caller's (the bus
     *                calls me on the publishing thread, which must not run UI code)
     */
    public EventFeed(Kernel kernel, Executor uiLater) {
        this.uiLater = uiLater;
        this.subscription = kernel.subscribe(this::offer);
    }

    /** A feed for the JavaFX application thread. */
    public static EventFeed onFx(Kernel kernel) {
        return new EventFeed(kernel, FxTaskExecutor::later);
    }

    /** Calls {@code listener} on the UI thread with each batch of events on {@code topic}. */
    public void on(String topic, Consumer<List<Event>> listener) {
        listeners.computeIfAbsent(topic, t -> new ArrayList<>()).add(listener);
    }

    /** On the publishing thread: queue, and schedule a drain unless one is pending. */
    private void offer(Event event) {
        if (closed) {
            return;
        }
        queue.add(event);
        schedule();
    }

    private void schedule() {
        if (drainPending.compareAndSet(false, true)) {
            try {
                uiLater.execute(this::drain);
            } catch (RuntimeException toolkitGone) {
                // Nobody left to paint: forget the drain, so a later event may try again.
                drainPending.set(false);
            }
        }
    }

    /** On the UI thread: hand everything queued (up to a batch) to the listeners by topic. */
    private void drain() {
        // Cleared before polling: an event offered from now on schedules the next drain, so none
        // is ever left behind, and still no more than one drain is pending at a time.
        drainPending.set(false);
        List<Event> batch = new ArrayList<>();
        Event event;
        while (batch.size() < MAX_BATCH && (event = queue.poll()) != null) {
            batch.add(event);
        }
        if (!queue.isEmpty()) {
            schedule();
        }
        if (batch.isEmpty() || closed) {
            return;
        }
        Map<String, List<Event>> byTopic = new LinkedHashMap<>();
        for (Event e : batch) {
            byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e);
        }
        byTopic.forEach((topic, events) -> {
            List<Event> view = List.copyOf(events);
            for (Consumer<List<Event>> listener : listeners.getOrDefault(topic, List.of())) {
                try {
                    listener.accept(view);
                } catch (RuntimeException e) {
                    LOG.log(java.util.logging.Level.WARNING, "a view failed on " + topic + " events", e);
                }
            }
        });
    }

    /** Stops listening to the kernel; queued events are dropped. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            subscription.close();
        } catch (Exception e) {
            // The bus's handles do not fail; nothing to do if one did.
        }
    }
}
