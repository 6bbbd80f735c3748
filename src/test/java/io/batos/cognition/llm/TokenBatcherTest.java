package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBatcherTest {

    @Test
    void batchesBySizeAndFlushesTheRest() {
        List<String> batches = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        TokenBatcher batcher = new TokenBatcher((text, n) -> {
            batches.add(text);
            counts.add(n);
        }, 4, Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            batcher.add(String.valueOf(i), 1);
        }
        batcher.flush();
        batcher.flush();
        assertThat(batches).containsExactly("0123", "4567", "89");
        assertThat(counts).containsExactly(4, 4, 2);
    }

    @Test
    void aSlowStreamStillGoesOutWhenTheDelayHasPassed() {
        List<String> batches = new ArrayList<>();
        TokenBatcher batcher = new TokenBatcher((text, n) -> batches.add(text), 1000, 0);
        batcher.add("a", 1);
        batcher.add("b", 1);
        assertThat(batches).containsExactly("a", "b");
    }
}
