package io.canopy.contractor;

import io.canopy.circuits.network.TensorNetwork;
import io.canopy.planner.ContractionProblem;

/** The bridge from a tensor network (values included) to what a planner sees (structure only). */
public final class NetworkProblems {
  private NetworkProblems() {}

  /** The network's structure: same inputs in the same order, same output, same index sizes. */
  public static ContractionProblem of(TensorNetwork network) {
    return new ContractionProblem(network.inputs(), network.output(), network.log2Sizes());
  }
}
