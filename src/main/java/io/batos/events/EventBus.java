package io.batos.events;

import java.util.function.Consumer;

/**
 * Where events go: publishers never wait for subscribers, and a subscriber that throws never
 * hurts the publisher or the other subscribers.
 *
 * <p>The interface sits at the bottom of the layers so any layer can publish; the kernel owns the
 * one implementation of a process.
 */
public interface EventBus {
    /** A bus that drops everything (for components used without a kernel). */
    EventBus NONE = new EventBus() {
        @Override
        public void publish(Event event) {
        }

        @Override
        public AutoCloseable subscribe(Consumer<Event> subscriber) {
            return () -> { };
        }
    };

    void publish(Event event);

    /** Delivers every later event to {@code subscriber} until the returned handle is closed. */
    AutoCloseable subscribe(Consumer<Event> subscriber);
}
