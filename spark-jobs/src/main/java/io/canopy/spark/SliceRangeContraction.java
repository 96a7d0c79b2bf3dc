package io.canopy.spark;

import io.canopy.circuits.network.TensorNetwork;
import io.canopy.contractor.Backend;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.SliceContractor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The executor-side step: contract one work item's slice range on this thread's backend and
 * persist its partial sum. Spark tasks and in-process runs both go through here, so they compute
 * the same thing.
 */
public final class SliceRangeContraction {
  private SliceRangeContraction() {}

  /** Thrown on purpose by a task chosen to fail (see {@link TaskOptions#failureFraction()}). */
  static final class InjectedFailure extends RuntimeException {
    InjectedFailure(WorkItem item) {
      super("injected failure of the first attempt of " + item);
    }
  }

  public static PartialSum compute(AmplitudeTask task, WorkItem item, String executor, int attempt,
      TaskOptions options) {
    if (attempt == 0 && options.failsFirstAttempt(item)) throw new InjectedFailure(item);
    long startMillis = System.currentTimeMillis();
    long start = System.nanoTime();
    Backend backend = Backends.borrow(task.backend(), task.precision(), task.plan());
    boolean gpu = task.backend().equals("gpu");
    String gpuId = gpu ? Backends.assignedGpu() : "";
    GpuPowerMeter meter = gpu ? GpuPowerMeter.start(gpuId) : null;
    HostTensor sum;
    double joules;
    try {
      TensorNetwork network = SubspaceNetworks.build(task.circuit(),
          task.bitstrings().get(item.subspace()), task.openQubits());
      sum = new SliceContractor(task.plan(), backend).contract(network, item.fromSlice(), item.toSlice());
      joules = meter == null ? Double.NaN : meter.stopJoules();
    } finally {
      if (meter != null) meter.close();
      Backends.release(backend);
    }
    PartialSum partial = new PartialSum(item, sum, (System.nanoTime() - start) / 1e9, executor, startMillis, gpuId,
        joules);
    if (options.checkpointDir() != null) {
      try {
        Checkpoints.at(options.checkpointDir(), options.fingerprint()).write(partial);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot persist the partial sum of " + item, e);
      }
    }
    return partial;
  }
}
