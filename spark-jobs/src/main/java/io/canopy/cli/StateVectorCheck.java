package io.canopy.cli;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compares computed amplitudes with the state-vector simulator, for runs small enough to allow it. */
final class StateVectorCheck {
  static final int MAX_QUBITS = 30;

  private StateVectorCheck() {}

  /** Largest relative and absolute error per amplitude, as run.json's "verification" section. */
  static Map<String, Object> compare(Circuit circuit, AmplitudeTable table) {
    long start = System.nanoTime();
    StateVector sv = new StateVectorSimulator(Runtime.getRuntime().availableProcessors()).run(circuit);
    double maxRel = 0;
    double maxAbs = 0;
    for (Amplitude a : table.amplitudes()) {
      double[] ref = sv.amplitude(a.bitstring());
      double dr = a.re() - ref[0];
      double di = a.im() - ref[1];
      double err = Math.hypot(dr, di);
      double mag = Math.hypot(ref[0], ref[1]);
      maxAbs = Math.max(maxAbs, err);
      maxRel = Math.max(maxRel, mag > 0 ? err / mag : err);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", "state vector (complex128)");
    m.put("amplitudes", table.size());
    m.put("maxRelativeError", maxRel);
    m.put("maxAbsoluteError", maxAbs);
    m.put("seconds", (System.nanoTime() - start) / 1e9);
    return m;
  }
}
