package io.canopy.results.run;

import io.canopy.circuits.InputException;
import io.canopy.results.AmplitudeTable;
import io.canopy.results.AmplitudesCsv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What post-processing reads from a run: its amplitudes and, optionally, its run.json.
 * {@link #load} reads a local run directory; {@link #of} takes data the caller has already read
 * (e.g. from HDFS).
 */
public final class RunData {
  public static final String AMPLITUDES_FILE = "amplitudes.csv";
  public static final String RUN_FILE = "run.json";

  private final String name;
  private final String amplitudesSource;
  private final AmplitudeTable amplitudes;
  private final RunRecord run;

  private RunData(String name, String amplitudesSource, AmplitudeTable amplitudes, RunRecord run) {
    this.name = name;
    this.amplitudesSource = amplitudesSource;
    this.amplitudes = amplitudes;
    this.run = run;
    if (run != null) {
      OptionalInt circuitQubits = run.circuitQubits();
      if (circuitQubits.isPresent()) requireQubits(circuitQubits.getAsInt());
    }
  }

  /**
   * @param name how the report names the run (e.g. the directory)
   * @param amplitudesSource name of the amplitudes file, for error messages
   * @param amplitudes the amplitudes read
   * @param run the run record, or {@code null} when there is none
   * @throws InputException if the run record gives a qubit count the amplitudes do not have
   */
  public static RunData of(String name, String amplitudesSource, AmplitudeTable amplitudes,
      RunRecord run) {
    return new RunData(name, amplitudesSource, amplitudes, run);
  }

  /**
   * Reads {@code dir/amplitudes.csv} (required) and {@code dir/run.json} (if present).
   *
   * @throws InputException if the directory does not exist, has no amplitudes.csv, or a file
   *     is malformed
   */
  public static RunData load(Path dir) {
    if (!Files.isDirectory(dir)) throw new InputException(dir.toString(), 0, "no such directory");
    Path csv = dir.resolve(AMPLITUDES_FILE);
    if (!Files.isRegularFile(csv)) {
      throw new InputException(dir.toString(), 0,
          "no " + AMPLITUDES_FILE + " in this run directory");
    }
    AmplitudeTable amplitudes;
    try (InputStream in = Files.newInputStream(csv)) {
      amplitudes = AmplitudesCsv.readTable(in, csv.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(csv + ": " + e.getMessage(), e);
    }
    RunRecord run = Files.isRegularFile(dir.resolve(RUN_FILE)) ? RunRecord.load(dir) : null;
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    return new RunData(fileName == null ? dir.toString() : fileName.toString(), csv.toString(),
        amplitudes, run);
  }

  /**
   * Checks that the amplitudes are of {@code numQubits} qubits (the circuit's count), so that a
   * file of another circuit is not scored against this one.
   *
   * @return this, for chaining
   * @throws InputException naming the amplitudes file otherwise
   */
  public RunData requireQubits(int numQubits) {
    if (amplitudes.size() > 0 && amplitudes.numQubits() != numQubits) {
      throw new InputException(amplitudesSource, 0, "bitstrings have " + amplitudes.numQubits()
          + " qubits but the circuit has " + numQubits);
    }
    return this;
  }

  public String name() {
    return name;
  }

  public String amplitudesSource() {
    return amplitudesSource;
  }

  public AmplitudeTable amplitudes() {
    return amplitudes;
  }

  public Optional<RunRecord> run() {
    return Optional.ofNullable(run);
  }
}
