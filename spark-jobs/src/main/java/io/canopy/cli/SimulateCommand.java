package io.canopy.cli;

import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.sampling.AliasSampler;
import io.canopy.results.sampling.BasisStates;
import io.canopy.store.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code canopy simulate}: the state-vector reference, writing the same output format as run. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Compute amplitudes with the complex128 state-vector simulator (the reference; up to 30 qubits).",
        "Writes DIR/amplitudes.csv and DIR/run.json like 'canopy run'."})
final class SimulateCommand implements Callable<Integer> {

  @Mixin CircuitOption circuit;

  @Mixin BitstringOptions bitstrings;

  @Option(names = "--samples", paramLabel = "N",
      description = "Instead of given bitstrings: N exact samples from the output distribution (seeded by --seed).")
  Integer samples;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
  Integer threads;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  String out;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Storage storage = new Storage();
    CircuitInput.Named named = circuit.read(storage);
    int n = named.circuit().numQubits();
    if (n > StateVectorCheck.MAX_QUBITS) {
      throw new IllegalArgumentException(named.name() + ": " + n + " qubits; the state vector handles at most "
          + StateVectorCheck.MAX_QUBITS);
    }
    if (samples != null && (samples < 1 || bitstrings.file != null || bitstrings.random != null)) {
      throw new IllegalArgumentException("--samples needs a positive count and excludes --bitstrings and --random");
    }
    List<String> list = samples == null ? bitstrings.read(storage, n) : null;
    RunOutput output = RunOutput.prepare(storage, out);
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    StateVector sv = new StateVectorSimulator(nThreads).run(named.circuit());
    if (list == null) list = exactSamples(sv, n, samples, bitstrings.seed);
    List<Amplitude> rows = new ArrayList<>();
    for (String b : list) {
      double[] a = sv.amplitude(b);
      rows.add(new Amplitude(b, a[0], a[1]));
    }
    AmplitudeTable table = new AmplitudeTable(rows, null);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("formatVersion", RunJson.FORMAT_VERSION);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("source", named.name());
    c.put("qubits", n);
    c.put("gates", named.circuit().gates().size());
    record.put("circuit", c);
    record.put("backend", "statevector");
    record.put("precision", "complex128");
    record.put("threads", nThreads);
    if (samples != null) record.put("sampling", Map.of("method", "exact, from the state vector", "seed", bitstrings.seed));
    record.put("timings", Map.of("totalSeconds", (System.nanoTime() - start) / 1e9));
    output.writeAmplitudes(table);
    output.writeJson(RunOutput.RUN_JSON, record);
    System.out.printf("%d amplitude(s) of %s by state vector%n", rows.size(), named.name());
    System.out.println("amplitudes: " + output.location(RunOutput.AMPLITUDES));
    System.out.println("run record: " + output.location(RunOutput.RUN_JSON));
    return 0;
  }

  /** Exact samples from |amplitude|^2 of the whole state (alias method). */
  private static List<String> exactSamples(StateVector sv, int n, int count, long seed) {
    double[] p = new double[sv.size()];
    for (int i = 0; i < p.length; i++) {
      double[] a = sv.amplitude(i);
      p[i] = a[0] * a[0] + a[1] * a[1];
    }
    List<String> out = new ArrayList<>(count);
    for (int index : new AliasSampler(p).sample(count, seed)) out.add(BasisStates.bitstring(index, n));
    return out;
  }
}
