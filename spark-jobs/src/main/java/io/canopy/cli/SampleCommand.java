package io.canopy.cli;

import io.canopy.results.AmplitudesCsv;
import io.canopy.results.sampling.SampleOptions;
import io.canopy.results.sampling.Samples;
import io.canopy.store.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code canopy sample DIR}: bitstring samples from a run's amplitudes, written to DIR/samples.csv. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = {"Draw samples from a run's amplitudes: top-k post-selection per correlated subspace (runs with",
        "--open), or frugal rejection sampling (accept x with probability min(1, 2^n p(x) / M)).",
        "Writes DIR/samples.csv (bitstring,real,imag) and prints their linear XEB and its prediction."})
final class SampleCommand implements Callable<Integer> {
  static final String SAMPLES = "samples.csv";

  @Parameters(paramLabel = "DIR", description = "Run directory (with amplitudes.csv).")
  String dir;

  @Option(names = "--method", defaultValue = "top-k", description = "top-k (default) or rejection.")
  String method;

  @Option(names = "--k", defaultValue = "1", description = "Candidates kept per subspace with top-k (default ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--bound", defaultValue = "10", description = "M of rejection sampling (default ${DEFAULT-VALUE}).")
  double bound;

  @Option(names = "--count", description = "At most this many samples (default: all that are selected or accepted).")
  Integer count;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of rejection sampling (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    SampleOptions options = SampleOptions.of(SampleOptions.Method.parse(method)).withK(k).withBound(bound).withSeed(seed);
    if (count != null) options = options.withCount(count);
    Storage storage = new Storage();
    Samples samples = Samples.fromRun(RunDirectory.load(storage, dir), options);
    RunOutput output = RunOutput.prepare(storage, dir);
    storage.writeAtomically(output.file(SAMPLES), out -> AmplitudesCsv.write(samples.samples(), out));
    System.out.print(samples.summary());
    System.out.println("samples: " + output.location(SAMPLES));
    return 0;
  }
}
