package io.canopy.planner;

import java.io.Serializable;

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

  public Plan(ContractionTree tree) {
    this.tree = tree;
    this.networkHash = tree.problem().hash();
  }

  public ContractionTree tree() { return tree; }

  public ContractionProblem problem() { return tree.problem(); }

  public String networkHash() { return networkHash; }

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
