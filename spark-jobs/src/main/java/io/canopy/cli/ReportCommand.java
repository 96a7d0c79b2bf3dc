package io.canopy.cli;

import io.canopy.store.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code canopy report DIR}: (re)writes report.html and report.json of a run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write DIR/report.html (self-contained, charts inline) and DIR/report.json: Porter-Thomas",
        "histogram, XEB with error bars, time per slice and task, throughput, energy if measured."})
final class ReportCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "Run directory (with amplitudes.csv, and run.json if any).")
  String dir;

  @Option(names = "--top-k", defaultValue = "1", description = "Candidates kept per subspace (default ${DEFAULT-VALUE}).")
  int topK;

  @Override
  public Integer call() throws Exception {
    Storage storage = new Storage();
    RunOutput output = RunOutput.prepare(storage, dir);
    output.writeReport(RunDirectory.load(storage, dir), topK);
    System.out.println("report: " + output.location(RunOutput.REPORT_HTML));
    return 0;
  }
}
