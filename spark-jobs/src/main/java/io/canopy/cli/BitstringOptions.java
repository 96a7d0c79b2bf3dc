package io.canopy.cli;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.InputException;
import io.canopy.store.Storage;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Option;

/** The bitstrings a command computes amplitudes of: a file, or seeded uniformly random ones. */
final class BitstringOptions {
  private static final int DEFAULT_RANDOM = 8;

  @Option(names = "--bitstrings", paramLabel = "FILE",
      description = "File with one bitstring per line; character i is qubit i.")
  String file;

  @Option(names = "--random", paramLabel = "N",
      description = "Use N uniformly random bitstrings instead of a file (default ${DEFAULT-VALUE} when no file is given).")
  Integer random;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of --random (default ${DEFAULT-VALUE}).")
  long seed;

  List<String> read(Storage storage, int numQubits) throws IOException {
    if (file != null && random != null) {
      throw new IllegalArgumentException("--bitstrings and --random exclude each other");
    }
    if (file == null) {
      int n = random == null ? DEFAULT_RANDOM : random;
      if (n < 1) throw new IllegalArgumentException("--random needs at least 1 bitstring, got " + n);
      return Bitstrings.random(numQubits, n, seed);
    }
    Path path = storage.resolve(file);
    if (!storage.isFile(path)) throw new InputException(file, 0, "no such file");
    try (Reader r = new InputStreamReader(storage.open(path), StandardCharsets.UTF_8)) {
      return Bitstrings.parse(file, r, numQubits);
    }
  }
}
