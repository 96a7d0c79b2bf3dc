package io.canopy.cli;

import io.canopy.circuits.InputException;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.AmplitudesCsv;
import io.canopy.results.run.RunData;
import io.canopy.results.run.RunRecord;
import io.canopy.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.Path;

/** Reads a finished run's directory (local or hdfs://) for the commands that analyse it. */
final class RunDirectory {
  private RunDirectory() {}

  static RunData load(Storage storage, String location) throws IOException {
    Path dir = storage.resolve(location);
    if (!storage.exists(dir)) throw new InputException(location, 0, "no such directory");
    Path csv = new Path(dir, RunData.AMPLITUDES_FILE);
    String csvName = location + "/" + RunData.AMPLITUDES_FILE;
    if (!storage.isFile(csv)) throw new InputException(csvName, 0, "missing: not a finished run directory");
    AmplitudeTable table;
    try (InputStream in = storage.open(csv)) {
      table = AmplitudesCsv.readTable(in, csvName);
    }
    RunRecord record = null;
    Path json = new Path(dir, RunData.RUN_FILE);
    if (storage.isFile(json)) {
      try (InputStream in = storage.open(json)) {
        record = RunRecord.read(in, location + "/" + RunData.RUN_FILE);
      }
    }
    return RunData.of(location, csvName, table, record);
  }
}
