package io.batos.cognition.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the events of a {@code text/event-stream} body one at a time and hands back their data.
 *
 * <p>A streaming chat completion arrives as server-sent events: {@code data: {...}} lines, an
 * event ending at a blank line. This reader follows the WHATWG rules that matter for that: lines
 * end with LF, CR or CRLF; a line starting with {@code :} is a comment (servers send them as
 * keep-alives); several {@code data} lines join with {@code \n}; one space after the colon is
 * dropped; other fields ({@code event}, {@code id}, {@code retry}, anything unknown) are ignored;
 * and an event the stream ends in the middle of is discarded, so a server that dies mid-event
 * never yields half a JSON document. One reader serves one stream on one thread.
 */
final class ServerSentEvents {
    private final BufferedReader lines;
    private final StringBuilder data = new StringBuilder();

    ServerSentEvents(InputStream body) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /**
     * Blocks until the next event that carries data and returns that data, or null when the
     * stream ends (an unfinished event at the end is dropped).
     */
    String next() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                // Per the spec an event without data lines is not dispatched.
                if (data.length() > 0) {
                    String event = data.substring(0, data.length() - 1);
                    data.setLength(0);
                    return event;
                }
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (field.equals("data")) {
                String value = colon < 0 ? "" : line.substring(colon + 1);
                data.append(value.startsWith(" ") ? value.substring(1) : value).append('\n');
            }
        }
        data.setLength(0);
        return null;
    }
}
