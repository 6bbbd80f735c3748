package io.batos.net;

import io.batos.image.ImageException;
import java.nio.file.Path;

/**
 * How an {@link ImageServer} listens and what it bounds.
 *
 * <p>The bounds are what keep one client from hurting the others: a message larger than
 * {@code maxMessageBytes} makes ZMQ drop that peer's connection before the bytes are kept; quick
 * requests (reads and writes that do not run methods) share {@code quickWorkers} threads, at most
 * one per client at a time, so a client's quick requests run in the order they arrived; slow
 * requests (those that may run a cognitive cycle) run on {@code slowWorkers} threads, at most
 * {@code slowPerClient} per client; a client may have at most {@code queuedPerClient} requests
 * waiting, and each one beyond gets an error reply at once.
 *
 * @param bind            the ROUTER endpoint for requests
 * @param events          the PUB endpoint for live events
 * @param curveKeys       the key directory ({@link CurveKeys}) that turns CURVE on, or null for none
 * @param maxMessageBytes the largest request frame accepted
 * @param quickWorkers    threads for quick requests
 * @param slowWorkers     threads for requests that may wait on a cycle
 * @param slowPerClient   a client's slow requests running at once
 * @param queuedPerClient a client's requests waiting for a thread
 */
public record ServerOptions(String bind, String events, Path curveKeys, long maxMessageBytes, int quickWorkers,
                            int slowWorkers, int slowPerClient, int queuedPerClient) {
    /** 1 MiB: far above any request a person or script writes, far below what hurts the heap. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 1L << 20;

    public ServerOptions {
        bind = Endpoints.normalize(bind);
        events = Endpoints.normalize(events);
        if (bind.equals(events) && !bind.endsWith(":*")) {
            throw new ImageException(ImageException.Code.USAGE, "requests and events need two endpoints, not " + bind);
        }
        positive("maxMessageBytes", maxMessageBytes);
        positive("quickWorkers", quickWorkers);
        positive("slowWorkers", slowWorkers);
        positive("slowPerClient", slowPerClient);
        positive("queuedPerClient", queuedPerClient);
    }

    /** The defaults of DESIGN §10 on the given endpoints, without CURVE. */
    public static ServerOptions of(String bind, String events) {
        return new ServerOptions(bind, events, null, DEFAULT_MAX_MESSAGE_BYTES,
                // Quick requests that commit spend most of their time waiting for fsync; more threads
                // than cores let their commits share one (the image's group commit).
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), 16, 4, 1_000);
    }

    /** Loopback on any free ports (tests read the real ports from the server). */
    public static ServerOptions loopback() {
        return of("tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    }

    public ServerOptions withCurveKeys(Path dir) {
        return new ServerOptions(bind, events, dir, maxMessageBytes, quickWorkers, slowWorkers, slowPerClient,
                queuedPerClient);
    }

    public ServerOptions withMaxMessageBytes(long bytes) {
        return new ServerOptions(bind, events, curveKeys, bytes, quickWorkers, slowWorkers, slowPerClient,
                queuedPerClient);
    }

    public ServerOptions withLimits(int slowPerClient, int queuedPerClient) {
        return new ServerOptions(bind, events, curveKeys, maxMessageBytes, quickWorkers, slowWorkers, slowPerClient,
                queuedPerClient);
    }

    /** True when both endpoints stay on this machine ({@link Endpoints#isLoopback}). */
    public boolean loopbackOnly() {
        return Endpoints.isLoopback(bind) && Endpoints.isLoopback(events);
    }

    private static void positive(String what, long value) {
        if (value <= 0) {
            throw new ImageException(ImageException.Code.USAGE, what + " must be positive, not " + value);
        }
    }
}
