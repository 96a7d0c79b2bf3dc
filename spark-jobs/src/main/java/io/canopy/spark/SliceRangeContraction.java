package io.canopy.spark;

import io.canopy.circuits.network.TensorNetwork;
import io.canopy.contractor.Backend;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.SliceContractor;

/**
 * The executor-side step: contract one work item's slice range on this thread's backend. Spark
 * tasks and in-process runs both go through here, so they compute the same thing.
 */
public final class SliceRangeContraction {
  private SliceRangeContraction() {}

  public static PartialSum compute(AmplitudeTask task, WorkItem item, String executor) {
    long start = System.nanoTime();
    Backend backend = Backends.forThread(task.backend(), task.precision());
    TensorNetwork network = SubspaceNetworks.build(task.circuit(),
        task.bitstrings().get(item.subspace()), task.openQubits());
    HostTensor sum = new SliceContractor(task.plan(), backend)
        .contract(network, item.fromSlice(), item.toSlice());
    return new PartialSum(item, sum, (System.nanoTime() - start) / 1e9, executor);
  }
}
