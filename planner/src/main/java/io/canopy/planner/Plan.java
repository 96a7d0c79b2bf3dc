package io.canopy.planner;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A contraction plan: a sliced contraction tree and the hash of the network it was made for.
 * The tree carries the problem (and so the network structure) with it; {@link #checkFor} refuses a
 * network whose structure differs.
 */
public final class Plan implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int FORMAT_VERSION = 1;

  private final ContractionTree tree;
  private final String networkHash;
  private final Map<String, Object> origin;

  /** A plan of unknown origin. */
  public Plan(ContractionTree tree) {
    this(tree, Map.of());
  }

  /**
   * @param origin how the plan was made (planner settings, planning time): named numbers, strings
   *     or booleans, kept in the plan file so that a plan can be made again and compared
   */
  public Plan(ContractionTree tree, Map<String, Object> origin) {
    this.tree = tree;
    this.networkHash = tree.problem().hash();
    this.origin = Collections.unmodifiableMap(new LinkedHashMap<>(origin));
  }

  public ContractionTree tree() { return tree; }

  public ContractionProblem problem() { return tree.problem(); }

  public String networkHash() { return networkHash; }

  /** How the plan was made, in insertion order; empty when unknown. */
  public Map<String, Object> origin() { return origin; }

  /** Number of slices; plans executed by Canopy keep it within a long. */
  public long numSlices() {
    int log2 = tree.log2NumSlices();
    if (log2 > 62) throw new IllegalStateException("2^" + log2 + " slices do not fit a long");
    return 1L << log2;
  }

  /** Summary numbers of the plan, in the units the plan file and reports use. */
  public PlanStats stats() { return PlanStats.of(tree); }

  /**
   * Checks that this plan was made for a network with the given structure.
   *
   * @throws IllegalArgumentException with a one-line message if the hashes differ
   */
  public void checkFor(ContractionProblem network) {
    String other = network.hash();
    if (!other.equals(networkHash)) {
      throw new IllegalArgumentException("plan was made for network " + networkHash.substring(0, 12)
          + " but this circuit's network is " + other.substring(0, 12)
          + " (another circuit, open qubits or simplification)");
    }
  }
}
