package io.canopy.results.sampling;

import io.canopy.circuits.InputException;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.run.RunData;
import io.canopy.results.sampling.SampleOptions.Method;
import io.canopy.results.xeb.Xeb;
import io.canopy.results.xeb.XebEstimate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Samples drawn from a run's computed amplitudes, with what it took to get them and how they
 * score: top-k post-selection per correlated subspace, or frugal rejection sampling with the
 * listed amplitudes as uniform candidates (see {@link TopKSelection}, {@link RejectionSampler}).
 */
public final class Samples {
  private final SampleOptions options;
  private final String source;
  private final int candidates;
  private final int subspaces;
  private final int yielded;
  private final List<Amplitude> samples;
  private final double predictedLinearXeb;
  private final double expectedAcceptance;

  private Samples(SampleOptions options, String source, int candidates, int subspaces,
      int yielded, List<Amplitude> samples, double predictedLinearXeb,
      double expectedAcceptance) {
    this.options = options;
    this.source = source;
    this.candidates = candidates;
    this.subspaces = subspaces;
    this.yielded = yielded;
    this.samples = List.copyOf(samples);
    this.predictedLinearXeb = predictedLinearXeb;
    this.expectedAcceptance = expectedAcceptance;
  }

  /**
   * Draws samples from the run's amplitudes. Top-k needs the amplitudes' subspace column; the
   * samples are the k most probable rows of each subspace, subspaces in file order. Rejection
   * sampling treats each listed row as one uniformly chosen candidate (true of whole subspaces
   * chosen uniformly, and of random bitstrings) and keeps the accepted ones in file order. With
   * a count, the first {@code count} of those are kept.
   *
   * @throws InputException naming the amplitudes file if it has no rows, or top-k is asked of
   *     rows without subspace ids or of a subspace with fewer than k rows
   */
  public static Samples fromRun(RunData data, SampleOptions options) {
    AmplitudeTable table = data.amplitudes();
    String source = data.amplitudesSource();
    if (table.size() == 0) throw new InputException(source, 0, "no amplitude rows to sample from");
    return options.method() == Method.TOP_K
        ? topK(table, source, options) : rejection(table, source, options);
  }

  private static Samples topK(AmplitudeTable table, String source, SampleOptions options) {
    List<Amplitude> selected;
    double[] expected;
    try {
      selected = TopKSelection.select(table, options.k());
      expected = TopKSelection.expectedScaledProbabilities(table, options.k());
    } catch (IllegalArgumentException e) {
      throw new InputException(source, 0, e.getMessage());
    }
    int kept = limit(selected.size(), options);
    double sum = 0;
    for (int i = 0; i < kept; i++) sum += expected[i];
    return new Samples(options, source, table.size(), TopKSelection.countSubspaces(table),
        selected.size(), selected.subList(0, kept), sum / kept - 1, Double.NaN);
  }

  private static Samples rejection(AmplitudeTable table, String source, SampleOptions options) {
    RejectionSampler sampler =
        new RejectionSampler(table.numQubits(), options.bound(), options.seed());
    // Stopping at the count would consume the same draws: the sampler decides row by row.
    List<Amplitude> accepted = sampler.accept(table.amplitudes());
    int subspaces = table.hasSubspaces() ? TopKSelection.countSubspaces(table) : 0;
    return new Samples(options, source, table.size(), subspaces, accepted.size(),
        accepted.subList(0, limit(accepted.size(), options)), sampler.expectedLinearXeb(),
        sampler.expectedAcceptance());
  }

  private static int limit(int available, SampleOptions options) {
    return Math.min(available, options.count().orElse(available));
  }

  public SampleOptions options() {
    return options;
  }

  /** The samples: bitstrings with their amplitudes (p = {@link Amplitude#probability()}). */
  public List<Amplitude> samples() {
    return samples;
  }

  /** The sampled bitstrings, in order. */
  public List<String> bitstrings() {
    return samples.stream().map(Amplitude::bitstring).toList();
  }

  /** Amplitude rows the samples were chosen from. */
  public int candidates() {
    return candidates;
  }

  /** Bitstrings the method yielded (top-k: k per subspace; rejection: accepted) before the count. */
  public int yielded() {
    return yielded;
  }

  /** Linear XEB of the samples; absent with fewer than two (no error bar). */
  public Optional<XebEstimate> linearXeb() {
    return samples.size() >= 2 ? Optional.of(Xeb.linear(samples)) : Optional.empty();
  }

  /**
   * The linear XEB Porter-Thomas statistics predict for these samples: from the rank of each
   * in its subspace for top-k ({@link TopKSelection#expectedScaledProbabilities}), the capped
   * distribution for rejection sampling ({@link RejectionSampler#expectedLinearXeb}).
   */
  public double predictedLinearXeb() {
    return predictedLinearXeb;
  }

  /** A few lines for a terminal: method, candidates, samples, their XEB against prediction. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    if (options.method() == Method.TOP_K) {
      line(s, "method", "top-%d post-selection per subspace", options.k());
      line(s, "candidates", "%d amplitudes in %d subspaces (%s)", candidates, subspaces, source);
      line(s, "selected", "%d", yielded);
    } else {
      line(s, "method", "frugal rejection sampling, M = %s, seed %d",
          plain(options.bound()), options.seed());
      line(s, "candidates", "%d amplitudes (%s)", candidates, source);
      line(s, "accepted", "%d (%.2f%%; Porter-Thomas predicts %.2f%%)", yielded,
          100.0 * yielded / candidates, 100 * expectedAcceptance);
    }
    line(s, "samples", "%d%s", samples.size(),
        samples.size() < yielded ? " (the first " + samples.size() + ")" : "");
    Optional<XebEstimate> xeb = linearXeb();
    if (xeb.isPresent()) {
      line(s, "linear XEB", "%s; Porter-Thomas prediction %.4f", xeb.get(), predictedLinearXeb);
    } else {
      line(s, "linear XEB", "fewer than two samples: no estimate");
    }
    return s.toString();
  }

  private static void line(StringBuilder s, String label, String format, Object... args) {
    s.append(String.format(Locale.ROOT, "%-12s", label))
        .append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  /** M as given: 10, not 10.0. */
  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
