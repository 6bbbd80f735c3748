package io.batos.cognition.llm;

import java.util.List;

/**
 * Watches streamed text for stop strings and holds back anything that might be the start of one,
 * so a listener never sees part of a stop string and the final text never contains one.
 */
final class StopStrings {
    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    StopStrings(List<String> stops) {
        this.stops = stops;
    }

    /**
     * Takes the next piece of text and returns what may be shown now; after a stop string appears
     * it returns the text before it and {@link #stopped()} is true.
     */
    String accept(String text) {
        if (stopped) {
            return "";
        }
        if (stops.isEmpty()) {
            return text;
        }
        pending.append(text);
        int first = -1;
        for (String stop : stops) {
            int at = pending.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        if (first >= 0) {
            stopped = true;
            String out = pending.substring(0, first);
            pending.setLength(0);
            return out;
        }
        int hold = 0;
        for (String stop : stops) {
            for (int len = Math.min(stop.length() - 1, pending.length()); len > hold; len--) {
                if (pending.substring(pending.length() - len).equals(stop.substring(0, len))) {
                    hold = len;
                    break;
                }
            }
        }
        String out = pending.substring(0, pending.length() - hold);
        pending.delete(0, pending.length() - hold);
        return out;
    }

    /** Whatever was held back, at the end of a generation that did not stop on a stop string. */
    String drain() {
        String out = pending.toString();
        pending.setLength(0);
        return out;
    }

    boolean stopped() {
        return stopped;
    }
}
