package io.canopy.cuda.bench;

import io.canopy.contractor.Backend;
import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.cuda.CudaBackend;
import io.canopy.planner.SmallOperandFusion;
import java.util.Optional;

/**
 * A backend that passes every call to a {@link CudaBackend}: the profiles extend it and override
 * the calls they measure. Closing it leaves the GPU backend open (the benchmark owns that).
 */
abstract class ForwardingBackend implements Backend {
  protected final CudaBackend gpu;

  ForwardingBackend(CudaBackend gpu) { this.gpu = gpu; }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep) { return gpu.contract(a, b, keep); }

  @Override
  public DeviceTensor upload(int[] indices, int[] log2Dims, double[] re, double[] im) {
    return gpu.upload(indices, log2Dims, re, im);
  }

  @Override public DeviceTensor permute(DeviceTensor t, int[] order) { return gpu.permute(t, order); }

  @Override public void accumulate(DeviceTensor sum, DeviceTensor term) { gpu.accumulate(sum, term); }

  @Override public HostTensor download(DeviceTensor t) { return gpu.download(t); }

  @Override public void free(DeviceTensor t) { gpu.free(t); }

  @Override public String name() { return gpu.name(); }

  @Override public Precision precision() { return gpu.precision(); }

  @Override public Optional<SmallOperandFusion.Limits> smallOperandFusion() { return gpu.smallOperandFusion(); }

  @Override public void close() { }
}
