package io.canopy.cuda.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.contractor.SliceContractor;
import io.canopy.cuda.ComplexProduct;
import io.canopy.cuda.CudaBackend;
import io.canopy.cuda.Gpu;
import io.canopy.cuda.SmallCircuit;
import io.canopy.cuda.memory.MemoryPlan;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idle profile passes every call through: the same sums, and a report of every kind of call. */
class IdleProfileTest {
  @BeforeEach
  void needsGpu() { Gpu.assumePresent(); }

  @Test
  void profiledSlicesGiveTheSameSumAndAReport() {
    SmallCircuit small = new SmallCircuit();
    try (CudaBackend gpu = new CudaBackend(0, Precision.COMPLEX_HALF,
        MemoryPlan.of(small.plan, Precision.COMPLEX_HALF, ComplexProduct.DEFAULT))) {
      HostTensor plain = new SliceContractor(small.plan, gpu).contractAll(small.network);
      IdleProfile profile = new IdleProfile(gpu);
      HostTensor profiled = new SliceContractor(small.plan, profile).contractAll(small.network);
      assertArrayEquals(plain.re(), profiled.re(), "real parts");
      assertArrayEquals(plain.im(), profiled.im(), "imaginary parts");
      List<String> report = profile.report(small.plan.numSlices());
      String text = String.join("\n", report);
      for (String call : new String[] {"upload", "contract", "download", "slowest calls on the host"}) {
        assertTrue(text.contains(call), "report names " + call + ":\n" + text);
      }
      assertTrue(report.get(0).startsWith("idle profile over " + small.plan.numSlices() + " slices"), report.get(0));
    }
  }
}
