package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ServerSentEvents} follows the event-stream rules a chat stream relies on. */
class ServerSentEventsTest {

    private static List<String> events(String stream) throws IOException {
        ServerSentEvents reader = new ServerSentEvents(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<String> events = new ArrayList<>();
        String data;
        while ((data = reader.next()) != null) {
            events.add(data);
        }
        return events;
    }

    @Test
    void eventsEndAtBlankLinesWhateverTheLineEnding() throws IOException {
        assertThat(events("data: one\n\ndata: two\r\n\r\ndata: three\r\rdata: [DONE]\n\n"))
                .containsExactly("one", "two", "three", "[DONE]");
    }

    @Test
    void commentsOtherFieldsAndEmptyEventsAreSkipped() throws IOException {
        assertThat(events(": ping\n\nevent: message\nid: 7\nretry: 100\nbogus\ndata: {\"a\":1}\n\n\n\nid: 8\n\n"))
                .containsExactly("{\"a\":1}");
    }

    @Test
    void dataLinesJoinWithNewlinesAndLoseOneLeadingSpace() throws IOException {
        assertThat(events("data:  indented\ndata:tight\ndata\n\n")).containsExactly(" indented\ntight\n");
    }

    @Test
    void anEventTheStreamEndsInsideIsDropped() throws IOException {
        assertThat(events("data: whole\n\ndata: {\"choi")).containsExactly("whole");
        assertThat(events("data: whole\n\ndata: {\"choices\":[]}\n")).containsExactly("whole");
    }

    @Test
    void multiByteCharactersSurvive() throws IOException {
        assertThat(events("data: Grüße, 世界 🦇\n\n")).containsExactly("Grüße, 世界 🦇");
    }
}
