package io.canopy.contractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Bitstrings;
import io.canopy.circuits.Circuit;
import io.canopy.circuits.generate.RandomCircuitGenerator;
import io.canopy.circuits.layout.Layouts;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.circuits.qsim.QsimReader;
import io.canopy.circuits.sim.StateVector;
import io.canopy.circuits.sim.StateVectorSimulator;
import io.canopy.contractor.cpu.Nd4jBackend;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.Plan;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.PlanProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The correctness ladder's third rung: tensor-network amplitudes against the state vector, for
 * the public small Sycamore circuits up to 28 qubits and for generated grid circuits, in both CPU
 * precisions. Plans are sliced to a quarter of the largest intermediate of an unsliced plan, so
 * slicing and slice reuse run too without the slice count exploding.
 */
class CircuitAmplitudeTest {
  private static final Path SMALL_SYCAMORE = Path.of("../circuits/data/sycamore/small_pEFGH");
  private static final int MAX_QUBITS = 28;
  private static final int BITSTRINGS = 3;

  private static Nd4jBackend backend128;
  private static Nd4jBackend backend64;

  @BeforeAll
  static void backends() {
    backend128 = new Nd4jBackend(Precision.COMPLEX128);
    backend64 = new Nd4jBackend(Precision.COMPLEX64);
  }

  @AfterAll
  static void close() {
    backend128.close();
    backend64.close();
  }

  static Stream<Path> smallSycamore() throws IOException {
    Pattern qubits = Pattern.compile("circuit_n(\\d+)_.*\\.qsim");
    List<Path> files;
    try (Stream<Path> all = Files.list(SMALL_SYCAMORE)) {
      files = all.filter(p -> {
        Matcher m = qubits.matcher(p.getFileName().toString());
        return m.matches() && Integer.parseInt(m.group(1)) <= MAX_QUBITS;
      }).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no circuits under " + SMALL_SYCAMORE.toAbsolutePath());
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smallSycamore")
  void sycamoreAmplitudesMatchTheStateVector(Path file) {
    checkAgainstStateVector(QsimReader.read(file), file.getFileName().hashCode());
  }

  @ParameterizedTest(name = "{0}, {1} cycles")
  @CsvSource({"grid:3x4, 12", "grid:4x4, 14", "grid:4x5, 16"})
  void gridAmplitudesMatchTheStateVector(String layout, int cycles) {
    Circuit circuit = new RandomCircuitGenerator(Layouts.parse(layout)).generate(cycles, cycles);
    checkAgainstStateVector(circuit, layout.hashCode());
  }

  private static void checkAgainstStateVector(Circuit circuit, long seed) {
    int n = circuit.numQubits();
    long start = System.nanoTime();
    StateVector state = new StateVectorSimulator(Runtime.getRuntime().availableProcessors()).run(circuit);
    List<String> bitstrings = Bitstrings.random(n, BITSTRINGS, seed);

    double stateSeconds = (System.nanoTime() - start) / 1e9;
    Plan single = plan(network(circuit, bitstrings.get(0), new int[0]));
    for (String bits : bitstrings) {
      TensorNetwork network = network(circuit, bits, new int[0]);
      for (Nd4jBackend backend : List.of(backend128, backend64)) {
        HostTensor got = new SliceContractor(single, backend).contractAll(network);
        assertEquals(1, got.size());
        assertAmplitude(state.amplitude(bits), got.re()[0], got.im()[0], backend.precision(), bits);
      }
    }

    int[] open = {n - 1, 0, n / 2};
    TensorNetwork batchNetwork = network(circuit, bitstrings.get(0), open);
    Plan batch = plan(batchNetwork);
    for (Nd4jBackend backend : List.of(backend128, backend64)) {
      HostTensor got = new SliceContractor(batch, backend).contractAll(batchNetwork);
      assertArrayEquals(batchNetwork.output(), got.indices());
      assertEquals(1 << open.length, got.size());
      for (int j = 0; j < got.size(); j++) {
        String bits = withOpenBits(bitstrings.get(0), open, j);
        assertAmplitude(state.amplitude(bits), got.re()[j], got.im()[j], backend.precision(), bits + " (batch)");
      }
    }
    System.out.printf("%d qubits: state vector %.1f s, tensor networks %.1f s (%s)%n", n, stateSeconds,
        (System.nanoTime() - start) / 1e9 - stateSeconds, single.stats());
  }

  private static TensorNetwork network(Circuit circuit, String bits, int[] open) {
    return NetworkSimplifier.simplify(NetworkBuilder.batch(circuit, bits, open));
  }

  private static Plan plan(TensorNetwork network) {
    ContractionProblem problem = NetworkProblems.of(network);
    PlannerOptions.Builder options = PlannerOptions.builder().trials(8).seed(1);
    int unsliced = Planner.plan(problem, options.build(), PlanProgress.NONE).stats().log2MaxSize();
    return Planner.plan(problem, options.targetLog2Size(Math.max(0, unsliced - 2)).build(), PlanProgress.NONE);
  }

  /** The bitstring whose open qubits take the bits of batch element {@code j}, first open qubit slowest. */
  private static String withOpenBits(String bits, int[] open, int j) {
    char[] c = bits.toCharArray();
    for (int i = 0; i < open.length; i++) c[open[i]] = ((j >> (open.length - 1 - i)) & 1) == 1 ? '1' : '0';
    return new String(c);
  }

  private static void assertAmplitude(double[] ref, double re, double im, Precision precision, String bits) {
    double tol = precision == Precision.COMPLEX128 ? 1e-9 : 1e-4;
    double scale = Math.hypot(ref[0], ref[1]);
    assertTrue(scale > 0, "reference amplitude of " + bits + " is zero; relative error is meaningless");
    double err = Math.hypot(re - ref[0], im - ref[1]) / scale;
    assertTrue(err <= tol, precision + " amplitude of " + bits + ": relative error " + err + " exceeds " + tol
        + " (got " + re + (im < 0 ? "" : "+") + im + "i, want " + ref[0] + (ref[1] < 0 ? "" : "+") + ref[1] + "i)");
  }
}
