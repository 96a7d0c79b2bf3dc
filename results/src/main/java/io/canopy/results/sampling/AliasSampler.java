package io.canopy.results.sampling;

import java.util.SplittableRandom;

/**
 * Exact sampling from a full probability vector by Walker's alias method in Vose's numerically
 * stable construction (M. D. Vose, IEEE TSE 17(9), 1991): O(D) set-up, O(1) per sample.
 *
 * <p>The vector need not be normalized (a state vector computed in finite precision sums to 1
 * only approximately); it is sampled proportionally to its entries.
 */
public final class AliasSampler {
  private final double[] threshold;
  private final int[] alias;

  /** @param weights non-negative, finite, with a positive sum */
  public AliasSampler(double[] weights) {
    int n = weights.length;
    if (n == 0) throw new IllegalArgumentException("nothing to sample from");
    double total = 0;
    for (int i = 0; i < n; i++) {
      double w = weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight " + i + " is " + w
            + "; weights are finite and non-negative");
      }
      total += w;
    }
    if (!(total > 0)) throw new IllegalArgumentException("weights sum to zero");

    threshold = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int numSmall = 0;
    int numLarge = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / total;
      if (scaled[i] < 1) small[numSmall++] = i; else large[numLarge++] = i;
    }
    while (numSmall > 0 && numLarge > 0) {
      int s = small[--numSmall];
      int l = large[--numLarge];
      threshold[s] = scaled[s];
      alias[s] = l;
      scaled[l] = (scaled[l] + scaled[s]) - 1;
      if (scaled[l] < 1) small[numSmall++] = l; else large[numLarge++] = l;
    }
    // What is left is 1 up to rounding: those columns always keep their own index.
    while (numLarge > 0) threshold[large[--numLarge]] = 1;
    while (numSmall > 0) threshold[small[--numSmall]] = 1;
  }

  /** One index, drawn with probability weight[i] / sum(weight). */
  public int sample(SplittableRandom random) {
    int column = random.nextInt(threshold.length);
    return random.nextDouble() < threshold[column] ? column : alias[column];
  }

  /** {@code count} independent indices from a generator seeded with {@code seed}. */
  public int[] sample(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) out[i] = sample(random);
    return out;
  }
}
