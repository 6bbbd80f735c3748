package io.batos.kernel;

import io.batos.events.Event;
import io.batos.events.EventBus;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process's event bus: subscribers are called on the publisher's thread, in subscription
 * order, each guarded, so publishing never fails; subscribers that render or send hand the event
 * to their own thread (the workbench batches them onto the FX thread).
 */
public final class LocalEventBus implements EventBus {
    private static final Logger LOG = Logger.getLogger(LocalEventBus.class.getName());
    private final CopyOnWriteArrayList<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Event event) {
        for (Consumer<Event> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an event subscriber failed on " + event.type(), e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
