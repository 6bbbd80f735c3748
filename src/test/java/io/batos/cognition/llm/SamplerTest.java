package io.batos.cognition.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final float[] LOGITS = {1.0f, 3.0f, -2.0f, 2.5f, 0.5f, -7.0f};

    @Test
    void greedyTakesTheLargestLogit() {
        assertThat(new Sampler(GenerationParams.GREEDY).next(LOGITS.clone(), LOGITS.length)).isEqualTo(1);
    }

    @Test
    void negativeLogitsAreOrderedCorrectly() {
        float[] all = {-3f, -0.5f, -9f, -1f};
        assertThat(new Sampler(GenerationParams.GREEDY).next(all, all.length)).isEqualTo(1);
        GenerationParams topOne = GenerationParams.GREEDY.withSampling(1.0, 3).withTopK(1);
        assertThat(new Sampler(topOne).next(all.clone(), all.length)).isEqualTo(1);
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        Sampler sampler = new Sampler(GenerationParams.GREEDY.withRepetitionPenalty(2.0));
        sampler.remember(new int[] {1});
        float[] logits = LOGITS.clone();
        // 3.0 / 2 = 1.5 < 2.5: the repeated token loses its lead
        assertThat(sampler.next(logits, logits.length)).isEqualTo(3);
        assertThat(logits[1]).isEqualTo(1.5f);
        Sampler negative = new Sampler(GenerationParams.GREEDY.withRepetitionPenalty(2.0));
        negative.remember(2);
        float[] more = LOGITS.clone();
        negative.next(more, more.length);
        assertThat(more[2]).isEqualTo(-4.0f);
    }

    @Test
    void topKOfOneIsGreedyWhateverTheTemperature() {
        GenerationParams params = GenerationParams.GREEDY.withSampling(5.0, 7).withTopK(1);
        Sampler sampler = new Sampler(params);
        for (int i = 0; i < 50; i++) {
            assertThat(sampler.next(LOGITS.clone(), LOGITS.length)).isEqualTo(1);
        }
    }

    @Test
    void topKNeverDrawsOutsideTheTopK() {
        Sampler sampler = new Sampler(GenerationParams.GREEDY.withSampling(10.0, 11).withTopK(3));
        for (int i = 0; i < 500; i++) {
            assertThat(sampler.next(LOGITS.clone(), LOGITS.length)).isIn(1, 3, 0);
        }
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // probabilities at t=1: token 1 ≈ 0.50, 3 ≈ 0.30, 0 ≈ 0.07 ...; p = 0.6 keeps {1, 3}
        Sampler sampler = new Sampler(GenerationParams.GREEDY.withSampling(1.0, 5).withTopP(0.6));
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            counts.merge(sampler.next(LOGITS.clone(), LOGITS.length), 1, Integer::sum);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(1, 3);
        // renormalised 0.62 : 0.38
        assertThat(counts.get(1) / 2000.0).isBetween(0.55, 0.69);
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
        GenerationParams params = GenerationParams.GREEDY.withSampling(2.0, 1234);
        List<Integer> a = draws(new Sampler(params));
        assertThat(draws(new Sampler(params))).isEqualTo(a);
        assertThat(draws(new Sampler(params.withSampling(2.0, 4321)))).isNotEqualTo(a);
    }

    @Test
    void samplingFollowsTheSoftmaxDistribution() {
        float[] two = {0f, (float) Math.log(3)};
        Sampler sampler = new Sampler(GenerationParams.GREEDY.withSampling(1.0, 99));
        int ones = 0;
        for (int i = 0; i < 4000; i++) {
            ones += sampler.next(two.clone(), 2);
        }
        assertThat(ones / 4000.0).isBetween(0.72, 0.78);
    }

    private static List<Integer> draws(Sampler sampler) {
        return java.util.stream.IntStream.range(0, 40).mapToObj(i -> sampler.next(LOGITS.clone(), LOGITS.length))
                .toList();
    }
}
