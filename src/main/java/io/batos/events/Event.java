package io.batos.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something the system did, for whoever watches: the workbench's live views, ZMQ subscribers, the
 * audit log.
 *
 * @param topic  {@code tx}, {@code psm}, {@code verdict}, {@code dataset} or {@code log} (DESIGN §10)
 * @param type   what happened, e.g. {@code STATE_TRANSITION}
 * @param fields the details, JSON-friendly values (strings, numbers, booleans, lists, maps, null)
 * @param time   when
 */
public record Event(String topic, String type, Map<String, Object> fields, Instant time) {

    public Event {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(time, "time");
    }

    public static Event of(String topic, String type, Map<String, Object> fields) {
        return new Event(topic, type, fields, Instant.now());
    }
}
