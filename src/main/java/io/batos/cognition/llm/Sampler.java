package io.batos.cognition.llm;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits: greedy, or temperature with top-k and top-p, with an
 * optional repetition penalty, from a generator seeded per request so answers are reproducible.
 *
 * <p>Works in place on a reusable array sized to the vocabulary; greedy decoding with no penalty
 * is one pass over it. Top-p sorts only the top-k candidates when top-k is set, else the whole
 * vocabulary (exact, and slow for 128k-token vocabularies — set top-k with top-p there).
 */
final class Sampler {
    private final GenerationParams params;
    private final SplittableRandom random;
    private final BitSet seen = new BitSet();
    private long[] order = new long[0];

    Sampler(GenerationParams params) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
    }

    /** Records tokens the penalty applies to (the prompt, then every generated token). */
    void remember(int[] ids) {
        for (int id : ids) {
            seen.set(id);
        }
    }

    void remember(int id) {
        seen.set(id);
    }

    /** The next token for {@code logits[0..vocab)}, which this call may overwrite. */
    int next(float[] logits, int vocab) {
        double penalty = params.repetitionPenalty();
        if (penalty != 1) {
            for (int id = seen.nextSetBit(0); id >= 0 && id < vocab; id = seen.nextSetBit(id + 1)) {
                logits[id] = (float) (logits[id] > 0 ? logits[id] / penalty : logits[id] * penalty);
            }
        }
        if (params.greedy()) {
            return argmax(logits, vocab);
        }
        int n = candidates(logits, vocab);
        double max = Float.intBitsToFloat(sortableToBits(order[0]));
        double t = params.temperature();
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((Float.intBitsToFloat(sortableToBits(order[i])) - max) / t);
            sum += p[i];
        }
        int keep = n;
        if (params.topP() < 1) {
            double cumulative = 0;
            for (int i = 0; i < n; i++) {
                cumulative += p[i] / sum;
                if (cumulative >= params.topP()) {
                    keep = i + 1;
                    break;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < keep; i++) {
            total += p[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            r -= p[i];
            if (r < 0) {
                return index(order[i]);
            }
        }
        return index(order[keep - 1]);
    }

    static int argmax(float[] logits, int vocab) {
        int best = 0;
        float bestValue = logits[0];
        for (int i = 1; i < vocab; i++) {
            if (logits[i] > bestValue) {
                bestValue = logits[i];
                best = i;
            }
        }
        return best;
    }

    /** Fills {@link #order} with the candidates, best first, and says how many there are. */
    private int candidates(float[] logits, int vocab) {
        if (order.length < vocab) {
            order = new long[vocab];
        }
        // Pack (descending logit, index) into one long so a primitive sort orders the candidates.
        for (int i = 0; i < vocab; i++) {
            order[i] = ((long) ~bitsToSortable(Float.floatToIntBits(logits[i])) << 32) | i;
        }
        int k = params.topK() > 0 ? Math.min(params.topK(), vocab) : vocab;
        if (k < vocab) {
            partialTop(order, vocab, k);
            Arrays.sort(order, 0, k);
        } else {
            Arrays.sort(order, 0, vocab);
        }
        for (int i = 0; i < k; i++) {
            order[i] = ((long) ~(int) (order[i] >> 32) << 32) | (order[i] & 0xffffffffL);
        }
        return k;
    }

    /** Moves the k smallest packed values to the front (quickselect), in no particular order. */
    private static void partialTop(long[] a, int n, int k) {
        int lo = 0, hi = n - 1;
        SplittableRandom pivots = new SplittableRandom(42);
        while (lo < hi) {
            long pivot = a[lo + pivots.nextInt(hi - lo + 1)];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long tmp = a[i];
                    a[i++] = a[j];
                    a[j--] = tmp;
                }
            }
            if (k - 1 <= j) {
                hi = j;
            } else if (k - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** Float bits → an int whose signed order is the float's order. */
    private static int bitsToSortable(int bits) {
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    private static int sortableToBits(long packed) {
        int sortable = (int) (packed >> 32);
        return sortable >= 0 ? sortable : sortable ^ 0x7fffffff;
    }

    private static int index(long packed) {
        return (int) packed;
    }
}
