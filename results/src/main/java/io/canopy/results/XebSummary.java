package io.canopy.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.circuits.InputException;
import io.canopy.results.run.RunData;
import io.canopy.results.sampling.TopKSelection;
import io.canopy.results.stats.Histogram;
import io.canopy.results.stats.PorterThomas;
import io.canopy.results.stats.PorterThomasCheck;
import io.canopy.results.xeb.Xeb;
import io.canopy.results.xeb.XebEstimate;
import java.util.Locale;
import java.util.Optional;

/**
 * The fidelity numbers of a run's amplitudes: linear and log XEB over all rows, top-k
 * post-selection when rows carry subspace ids, and the Porter-Thomas check.
 *
 * @param numQubits qubit count of the bitstrings
 * @param linear linear XEB over all rows
 * @param log log XEB over all rows; absent when a row has probability 0
 * @param topK XEB of the top-k rows per subspace; absent without subspace ids
 * @param porterThomas distribution of 2^n p over all rows against e^-x
 */
public record XebSummary(int numQubits, XebEstimate linear, Optional<XebEstimate> log,
    Optional<TopK> topK, PorterThomasCheck porterThomas) {

  /**
   * Top-k post-selection result.
   *
   * @param k rows kept per subspace
   * @param subspaces number of subspaces
   * @param linear linear XEB of the kept rows
   * @param expected the Porter-Thomas prediction (mean of H_K - H_k over subspaces)
   */
  public record TopK(int k, int subspaces, XebEstimate linear, double expected) {}

  /**
   * Scores a run's amplitudes.
   *
   * @param k rows kept per subspace for top-k post-selection (1 in the usual setting)
   * @throws InputException naming the amplitudes file if there are fewer than two rows, or a
   *     subspace has fewer than k rows (when k rows are kept per subspace, each needs k)
   */
  public static XebSummary of(RunData data, int k) {
    if (k < 1) throw new IllegalArgumentException("k must be at least 1, not " + k);
    AmplitudeTable table = data.amplitudes();
    if (table.size() < 2) {
      throw new InputException(data.amplitudesSource(), 0, table.size()
          + " amplitude rows; XEB needs at least 2");
    }
    int n = table.numQubits();
    double[] p = Xeb.probabilities(table.amplitudes());
    Optional<XebEstimate> log = Optional.empty();
    if (allPositive(p)) log = Optional.of(Xeb.log(p, n));
    Optional<TopK> topK = Optional.empty();
    if (table.hasSubspaces()) {
      int subspaces = TopKSelection.countSubspaces(table);
      try {
        // Top-1 of a single subspace is one row: too few for an error bar, so no estimate.
        if (subspaces * k >= 2) {
          topK = Optional.of(new TopK(k, subspaces,
              Xeb.linear(TopKSelection.select(table, k)),
              TopKSelection.expectedLinearXeb(table, k)));
        }
      } catch (IllegalArgumentException e) {
        throw new InputException(data.amplitudesSource(), 0, e.getMessage());
      }
    }
    return new XebSummary(n, Xeb.linear(p, n), log, topK, PorterThomas.check(p, n));
  }

  /** A few lines for a terminal. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "qubits        %d%n", numQubits));
    s.append(String.format(Locale.ROOT, "linear XEB    %s%n", linear));
    log.ifPresent(l -> s.append(String.format(Locale.ROOT, "log XEB       %s%n", l)));
    topK.ifPresent(t -> s.append(String.format(Locale.ROOT,
        "top-%d XEB     %s over %d subspaces (Porter-Thomas prediction %.4f)%n",
        t.k(), t.linear(), t.subspaces(), t.expected())));
    s.append(String.format(Locale.ROOT,
        "Porter-Thomas KS distance %.4f (1%% critical %.4f for %d rows)%n",
        porterThomas.ksDistance(), porterThomas.criticalDistance1Percent(),
        porterThomas.histogram().total()));
    return s.toString();
  }

  /**
   * The numbers as JSON: {@code numQubits}, {@code linear}, {@code log}, {@code topK},
   * {@code porterThomas} (absent parts are absent keys).
   */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("numQubits", numQubits);
    o.set("linear", estimate(linear));
    log.ifPresent(l -> o.set("log", estimate(l)));
    topK.ifPresent(t -> {
      ObjectNode top = o.putObject("topK");
      top.put("k", t.k());
      top.put("subspaces", t.subspaces());
      top.set("linear", estimate(t.linear()));
      top.put("expectedPorterThomas", t.expected());
    });
    o.set("porterThomas", porterThomasJson());
    return o;
  }

  private static ObjectNode estimate(XebEstimate e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("value", e.value());
    o.put("standardError", e.standardError());
    o.put("samples", e.samples());
    return o;
  }

  private ObjectNode porterThomasJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    Histogram h = porterThomas.histogram();
    double[] expected = porterThomas.expectedDensity();
    ArrayNode bins = o.putArray("bins");
    for (int b = 0; b < h.bins(); b++) {
      ObjectNode bin = bins.addObject();
      bin.put("from", h.lowerEdge(b));
      bin.put("to", h.upperEdge(b));
      bin.put("count", h.count(b));
      bin.put("density", h.density(b));
      bin.put("expectedDensity", expected[b]);
    }
    o.put("overflow", h.overflow());
    o.put("ksDistance", porterThomas.ksDistance());
    o.put("ksCritical1Percent", porterThomas.criticalDistance1Percent());
    return o;
  }

  private static boolean allPositive(double[] p) {
    for (double x : p) if (!(x > 0)) return false;
    return true;
  }
}
