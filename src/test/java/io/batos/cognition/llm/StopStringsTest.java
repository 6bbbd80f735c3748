package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {

    @Test
    void holdsBackAPossibleStartAndCutsAtTheStop() {
        StopStrings stops = new StopStrings(List.of("END"));
        assertThat(stops.accept("hello E")).isEqualTo("hello ");
        assertThat(stops.accept("N")).isEmpty();
        assertThat(stops.accept("D and more")).isEmpty();
        assertThat(stops.stopped()).isTrue();
        assertThat(stops.accept("later")).isEmpty();
    }

    @Test
    void releasesHeldTextWhenItTurnsOutNotToBeAStop() {
        StopStrings stops = new StopStrings(List.of("END"));
        assertThat(stops.accept("an E")).isEqualTo("an ");
        assertThat(stops.accept("NX")).isEqualTo("ENX");
        assertThat(stops.stopped()).isFalse();
        StopStrings other = new StopStrings(List.of("END"));
        assertThat(other.accept("an E")).isEqualTo("an ");
        assertThat(other.accept("x")).isEqualTo("Ex");
        assertThat(other.accept("EN")).isEmpty();
        assertThat(other.drain()).isEqualTo("EN");
    }

    @Test
    void theEarliestOfSeveralStopsWins() {
        StopStrings stops = new StopStrings(List.of("}", "\n\n"));
        assertThat(stops.accept("a\n\nb}")).isEqualTo("a");
        assertThat(stops.stopped()).isTrue();
    }

    @Test
    void withoutStopsTextPassesThrough() {
        StopStrings stops = new StopStrings(List.of());
        assertThat(stops.accept("x")).isEqualTo("x");
        assertThat(stops.drain()).isEmpty();
    }
}
