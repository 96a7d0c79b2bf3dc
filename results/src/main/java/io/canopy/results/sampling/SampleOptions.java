package io.canopy.results.sampling;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * How {@link Samples#fromRun} turns a run's amplitudes into samples. Start from
 * {@link #of(Method)} (the defaults) and change what was asked for.
 *
 * @param method top-k post-selection or frugal rejection sampling
 * @param k rows kept per subspace by top-k (ignored by rejection sampling)
 * @param bound M of rejection sampling, the cap on D p(x) below which acceptance is exact
 *     (ignored by top-k)
 * @param seed seed of the rejection sampler's acceptance draws (top-k draws nothing)
 * @param count at most this many samples, the first ones the method yields; empty: all of them
 */
public record SampleOptions(Method method, int k, double bound, long seed, OptionalInt count) {
  public static final int DEFAULT_K = 1;
  /** M = 10 caps D p for a fraction (1 + M) e^-M = 5e-4 of the ideal probability. */
  public static final double DEFAULT_BOUND = 10;
  public static final long DEFAULT_SEED = 1;

  /** The sampling methods, named as on the command line. */
  public enum Method {
    /** The k most probable rows of each correlated subspace. */
    TOP_K("top-k"),
    /** Frugal rejection sampling over the listed amplitudes as uniform candidates. */
    REJECTION("rejection");

    private final String label;

    Method(String label) {
      this.label = label;
    }

    /**
     * The method of a command-line name, {@code top-k} or {@code rejection} (case ignored).
     *
     * @throws IllegalArgumentException naming the valid choices otherwise
     */
    public static Method parse(String name) {
      for (Method m : values()) {
        if (m.label.equals(name.trim().toLowerCase(Locale.ROOT))) return m;
      }
      throw new IllegalArgumentException("unknown sampling method '" + name
          + "'; expected top-k or rejection");
    }

    /** The command-line name. */
    @Override
    public String toString() {
      return label;
    }
  }

  public SampleOptions {
    if (method == null) throw new IllegalArgumentException("no sampling method given");
    if (k < 1) throw new IllegalArgumentException("k must be at least 1, not " + k);
    if (!(bound > 0) || Double.isInfinite(bound)) {
      throw new IllegalArgumentException("the bound M must be positive and finite, not " + bound);
    }
    if (count == null) throw new IllegalArgumentException("count must be given or empty");
    if (count.isPresent() && count.getAsInt() < 1) {
      throw new IllegalArgumentException("count must be at least 1, not " + count.getAsInt());
    }
  }

  /** The method with k = 1, M = 10, seed 1 and no limit on the count. */
  public static SampleOptions of(Method method) {
    return new SampleOptions(method, DEFAULT_K, DEFAULT_BOUND, DEFAULT_SEED, OptionalInt.empty());
  }

  public SampleOptions withK(int newK) {
    return new SampleOptions(method, newK, bound, seed, count);
  }

  public SampleOptions withBound(double newBound) {
    return new SampleOptions(method, k, newBound, seed, count);
  }

  public SampleOptions withSeed(long newSeed) {
    return new SampleOptions(method, k, bound, newSeed, count);
  }

  public SampleOptions withCount(int newCount) {
    return new SampleOptions(method, k, bound, seed, OptionalInt.of(newCount));
  }
}
