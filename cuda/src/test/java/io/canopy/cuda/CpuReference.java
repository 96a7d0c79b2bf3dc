package io.canopy.cuda;

import io.canopy.contractor.DeviceTensor;
import io.canopy.contractor.HostTensor;
import io.canopy.contractor.Precision;
import io.canopy.contractor.SliceContractor;
import io.canopy.contractor.cpu.Nd4jBackend;
import io.canopy.cuda.DenseReference.Dense;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Results of the CPU backend (ND4J, complex128) that the GPU tests compare with. Computed on the
 * spot where ND4J loads; on a GPU host without ND4J's natives (the GPU bundle leaves their 400 MB
 * behind) they are read from the folder named by the system property {@value #PROPERTY}, which
 * {@link #main} fills beforehand on a machine with ND4J (scripts/gpu-bundle.sh does).
 */
final class CpuReference {
  static final String PROPERTY = "canopy.cpu.reference";
  private static final String PAIRS = "pairs.bin";
  private static final String CIRCUIT = "small-circuit.bin";

  private CpuReference() {}

  /** The operands of the pair contractions compared with the CPU: the same on every run. */
  static List<Dense[]> pairInputs() {
    Random rnd = new Random(11);
    List<Dense[]> inputs = new ArrayList<>();
    for (CudaBackendTest.Case c : CudaBackendTest.cases()) {
      inputs.add(new Dense[] {Dense.random(rnd, c.a(), c.aDims(), 1), Dense.random(rnd, c.b(), c.bDims(), 1)});
    }
    return inputs;
  }

  /** CPU results of {@link #pairInputs()} under {@link CudaBackendTest#cases()}'s kept indices. */
  static Optional<List<HostTensor>> pairs() {
    return cpuBackend().map(CpuReference::computePairs).or(() -> read(PAIRS));
  }

  /** The CPU's sum over all slices of the small circuit's network: its 16 amplitudes. */
  static Optional<HostTensor> smallCircuit(SmallCircuit c) {
    return cpuBackend().map(cpu -> computeCircuit(cpu, c)).or(() -> CpuReference.<HostTensor>read(CIRCUIT));
  }

  private static List<HostTensor> computePairs(Nd4jBackend cpu) {
    try (cpu) {
      List<HostTensor> out = new ArrayList<>();
      List<Dense[]> inputs = pairInputs();
      List<CudaBackendTest.Case> cases = CudaBackendTest.cases();
      for (int i = 0; i < cases.size(); i++) {
        Dense a = inputs.get(i)[0];
        Dense b = inputs.get(i)[1];
        DeviceTensor x = cpu.upload(a.indices(), a.log2Dims(), a.re(), a.im());
        DeviceTensor y = cpu.upload(b.indices(), b.log2Dims(), b.re(), b.im());
        DeviceTensor r = cpu.contract(x, y, cases.get(i).keep());
        out.add(cpu.download(r));
        cpu.free(x);
        cpu.free(y);
        cpu.free(r);
      }
      return out;
    }
  }

  private static HostTensor computeCircuit(Nd4jBackend cpu, SmallCircuit c) {
    try (cpu) {
      return new SliceContractor(c.plan, cpu).contractAll(c.network);
    }
  }

  private static Optional<Nd4jBackend> cpuBackend() {
    try {
      return Optional.of(new Nd4jBackend(Precision.COMPLEX128));
    } catch (LinkageError e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Optional<T> read(String name) {
    String dir = System.getProperty(PROPERTY);
    if (dir == null) return Optional.empty();
    Path file = Paths.get(dir, name);
    if (!Files.isRegularFile(file)) return Optional.empty();
    try (InputStream in = Files.newInputStream(file); ObjectInputStream o = new ObjectInputStream(in)) {
      return Optional.of((T) o.readObject());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("reading " + file, e);
    }
  }

  private static void write(Path file, Object value) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(value);
    }
  }

  /** Writes the CPU results into the folder {@code args[0]}; needs ND4J. */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args[0]);
    Files.createDirectories(dir);
    Nd4jBackend cpu = cpuBackend().orElseThrow(() -> new IllegalStateException("ND4J is not on the class path"));
    write(dir.resolve(PAIRS), new ArrayList<>(computePairs(cpu)));
    Nd4jBackend cpu2 = cpuBackend().orElseThrow();
    write(dir.resolve(CIRCUIT), computeCircuit(cpu2, new SmallCircuit()));
    System.out.println("wrote CPU reference results to " + dir);
  }
}
