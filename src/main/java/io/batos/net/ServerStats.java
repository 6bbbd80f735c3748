package io.batos.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a server counted: requests, replies, and everything it refused or dropped instead of dying
 * of it. Tests read these to prove that bad input was seen and survived; operators can log them.
 */
public final class ServerStats {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong replies = new AtomicLong();
    final AtomicLong badRequests = new AtomicLong();
    final AtomicLong droppedFrames = new AtomicLong();
    final AtomicLong overflowed = new AtomicLong();
    final AtomicLong undeliverable = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong eventsDropped = new AtomicLong();
    final AtomicLong lateWakeups = new AtomicLong();

    /** Well-framed requests read (each gets exactly one reply unless its client vanished). */
    public long requests() {
        return requests.get();
    }

    /** Replies handed to ZMQ. */
    public long replies() {
        return replies.get();
    }

    /** Requests answered with a {@code usage} error before reaching an operation: not JSON, no op, unknown op. */
    public long badRequests() {
        return badRequests.get();
    }

    /** Messages dropped unanswered because their frames fit neither DEALER nor REQ framing. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    /** Requests refused at once because their client already had too many waiting. */
    public long overflowed() {
        return overflowed.get();
    }

    /** Replies ZMQ could not deliver: the client left, or stopped reading until its queue filled. */
    public long undeliverable() {
        return undeliverable.get();
    }

    /** Events published. */
    public long events() {
        return events.get();
    }

    /** Events dropped because the publisher fell too far behind. */
    public long eventsDropped() {
        return eventsDropped.get();
    }

    /** Every counter by name, for a log line. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("requests", requests());
        m.put("replies", replies());
        m.put("badRequests", badRequests());
        m.put("droppedFrames", droppedFrames());
        m.put("overflowed", overflowed());
        m.put("undeliverable", undeliverable());
        m.put("events", events());
        m.put("eventsDropped", eventsDropped());
        m.put("lateWakeups", lateWakeups.get());
        return m;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
