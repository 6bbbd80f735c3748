package io.batos.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.cognition.psm.Orchestrator;
import io.batos.events.Event;
import io.batos.events.EventBus;
import io.batos.kernel.Kernel;
import io.batos.kernel.ValueJson;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Live events on the PUB socket: everything the vessel's event bus carries, as two frames
 * {@code [topic, json]} so subscribers filter by topic ({@code tx}, {@code psm}, {@code verdict},
 * {@code dataset}, {@code log}).
 *
 * <p>The bus calls subscribers on the publishing thread — a commit's, a cycle's — which must never
 * wait for the network, so this subscriber only offers the event to a bounded queue (dropping it,
 * and counting, when the queue is full) and one thread of its own owns the PUB socket and sends.
 * A PUB socket itself never blocks: a subscriber that reads too slowly loses events, never slows
 * the image.
 *
 * <p>The payload is {@code {"topic", "type", "time", "fields": {…}}}. The verdict queue's changes
 * (a cycle asking for approval, approved, rejected) travel on {@code psm} like every transition
 * and again on {@code verdict}, beside the guardian's install verdicts, so a verdict view needs
 * one subscription.
 */
final class EventForwarder implements AutoCloseable {
    private static final int QUEUE = 10_000;
    private static final Event STOP = Event.of("", "STOP", java.util.Map.of());

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
    private final ZMQ.Socket pub;
    private final ServerStats stats;
    private final AutoCloseable subscription;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * @param pub the bound PUB socket, handed over to this forwarder's thread
     */
    EventForwarder(ZMQ.Socket pub, EventBus bus, ServerStats stats) {
        this.pub = pub;
        this.stats = stats;
        this.thread = new Thread(this::run, "batos-net-events");
        thread.setDaemon(true);
        thread.start();
        Consumer<Event> offer = event -> {
            if (!queue.offer(event)) {
                stats.eventsDropped.incrementAndGet();
            }
        };
        this.subscription = bus.subscribe(offer);
    }

    static ZMQ.Socket socket(ZContext context) {
        ZMQ.Socket pub = context.createSocket(SocketType.PUB);
        pub.setSndHWM(10_000);
        return pub;
    }

    private void run() {
        try {
            while (true) {
                Event event = queue.take();
                if (event == STOP) {
                    break;
                }
                publish(event.topic(), event);
                if (Orchestrator.PSM_TOPIC.equals(event.topic()) && event.type().startsWith("APPROVAL_")) {
                    publish(Kernel.VERDICT_TOPIC, event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pub.setLinger(200);
            pub.close();
            done.countDown();
        }
    }

    private void publish(String topic, Event event) {
        ObjectNode node = ValueJson.MAPPER.createObjectNode();
        node.put("topic", topic);
        node.put("type", event.type());
        node.put("time", event.time().toString());
        node.set("fields", ValueJson.toJson(event.fields()));
        pub.send(topic, ZMQ.SNDMORE);
        pub.send(Replies.bytes(node), 0);
        stats.events.incrementAndGet();
    }

    /** Stops listening to the bus, sends what is queued, and closes the PUB socket. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // The bus's handles do not fail; nothing to do if one did.
        }
        // Never blocks: a full queue is cleared of one event to make room for the stop.
        while (!queue.offer(STOP)) {
            queue.poll();
        }
        try {
            if (!done.await(5, TimeUnit.SECONDS)) {
                thread.interrupt();
                done.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
