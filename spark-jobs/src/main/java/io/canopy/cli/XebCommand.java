package io.canopy.cli;

import io.canopy.results.XebSummary;
import io.canopy.store.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code canopy xeb DIR}: linear and log cross-entropy benchmark fidelity of a run's amplitudes. */
@Command(name = "xeb", mixinStandardHelpOptions = true,
    description = {"Linear XEB F = 2^n mean(p) - 1 and log-XEB, each with its standard error, of a run's",
        "amplitudes; with subspaces, also the top-k post-selected XEB and its prediction."})
final class XebCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "Run directory (with amplitudes.csv).")
  String dir;

  @Option(names = "--top-k", defaultValue = "1", description = "Candidates kept per subspace (default ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    XebSummary s = XebSummary.of(RunDirectory.load(new Storage(), dir), topK);
    System.out.println(json ? s.toJson().toPrettyString() : s.toText());
    return 0;
  }
}
