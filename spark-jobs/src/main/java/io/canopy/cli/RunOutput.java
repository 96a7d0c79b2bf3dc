package io.canopy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.AmplitudesCsv;
import io.canopy.results.report.ReportWriter;
import io.canopy.results.run.RunData;
import io.canopy.results.run.RunRecord;
import io.canopy.spark.Checkpoints;
import io.canopy.spark.RunIdentity;
import io.canopy.store.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * A run's output directory. Files appear only when complete (written under a temporary name, then
 * renamed), amplitudes first and run.json last, so a run.json next to amplitudes.csv means the
 * run finished; a failed run leaves neither behind. Finished slice ranges are kept under
 * {@code checkpoints/} with the identity of the run they belong to.
 */
final class RunOutput {
  static final String AMPLITUDES = "amplitudes.csv";
  static final String RUN_JSON = "run.json";
  static final String CHECKPOINTS = "checkpoints";
  static final String REPORT_HTML = ReportWriter.HTML_FILE;
  static final String REPORT_JSON = ReportWriter.JSON_FILE;
  static final String RUN_SPEC = "run-identity.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Storage storage;
  private final String location;
  private final Path dir;

  private RunOutput(Storage storage, String location, Path dir) {
    this.storage = storage;
    this.location = location;
    this.dir = dir;
  }

  /** Checks the location can be a directory; creates nothing yet. */
  static RunOutput prepare(Storage storage, String location) throws IOException {
    Path dir = storage.resolve(location);
    if (storage.isFile(dir)) throw new IllegalArgumentException("--out " + location + ": is a file, not a directory");
    return new RunOutput(storage, location, dir);
  }

  /** The identity of the run whose checkpoints this directory holds, or null if it holds none. */
  @SuppressWarnings("unchecked")
  RunIdentity previousIdentity() throws IOException {
    Path spec = new Path(file(CHECKPOINTS), RUN_SPEC);
    if (!storage.isFile(spec)) return null;
    try (InputStream in = storage.open(spec)) {
      return RunIdentity.fromMap(JSON.readValue(in, Map.class));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(location(CHECKPOINTS + "/" + RUN_SPEC)
          + ": unreadable run identity (" + e.getMessage() + "); delete the directory or use another --out");
    }
  }

  /** The checkpoints of this run, recording its identity first if the directory has none yet. */
  Checkpoints checkpoints(RunIdentity identity) throws IOException {
    Path dir = file(CHECKPOINTS);
    Path spec = new Path(dir, RUN_SPEC);
    if (!storage.isFile(spec)) {
      storage.mkdirs(dir);
      byte[] bytes = JSON.writeValueAsBytes(identity.toMap());
      storage.writeAtomically(spec, out -> out.write(bytes));
    }
    return new Checkpoints(storage, dir, identity.fingerprint());
  }

  Path file(String name) {
    return new Path(dir, name);
  }

  void write(AmplitudeTable amplitudes, RunJson record) throws IOException {
    writeAmplitudes(amplitudes);
    JsonNode run = JSON.valueToTree(record.asMap());
    writeReport(RunData.of(location, location(AMPLITUDES), amplitudes, RunRecord.of(run, location(RUN_JSON))), 1);
    writeJson(RUN_JSON, record.asMap());
  }

  /** Writes report.html and report.json (each complete or absent). */
  void writeReport(RunData data, int topK) throws IOException {
    ByteArrayOutputStream html = new ByteArrayOutputStream();
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    ReportWriter.write(data, topK, html, json);
    storage.mkdirs(dir);
    storage.writeAtomically(file(REPORT_HTML), out -> html.writeTo(out));
    storage.writeAtomically(file(REPORT_JSON), out -> json.writeTo(out));
  }

  void writeAmplitudes(AmplitudeTable amplitudes) throws IOException {
    storage.mkdirs(dir);
    storage.writeAtomically(file(AMPLITUDES), out -> AmplitudesCsv.write(amplitudes, out));
  }

  void writeJson(String name, Map<String, Object> content) throws IOException {
    storage.mkdirs(dir);
    byte[] bytes = JSON.writeValueAsBytes(content);
    storage.writeAtomically(file(name), out -> out.write(bytes));
  }

  void printSummary(PrintStream out, AmplitudeTable amplitudes, RunJson record) {
    Map<String, Object> r = record.asMap();
    out.printf("%d amplitude(s) of %s%n", amplitudes.size(), ((Map<?, ?>) r.get("circuit")).get("source"));
    Object v = r.get("verification");
    if (v instanceof Map<?, ?> check) {
      out.printf("state-vector check: max relative error %.3g over %s amplitudes%n",
          ((Number) check.get("maxRelativeError")).doubleValue(), check.get("amplitudes"));
    }
    out.println("amplitudes: " + location(AMPLITUDES));
    out.println("run record: " + location(RUN_JSON));
    out.println("report:     " + location(REPORT_HTML));
  }

  String location(String name) {
    return location.endsWith("/") ? location + name : location + "/" + name;
  }
}
