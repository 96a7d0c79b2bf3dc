package io.canopy.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuInit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;

/**
 * Loads JCuda's natives once per JVM and says whether a GPU can be used, and if not, why.
 *
 * <p>JCublas 12.6's native library needs {@code libcublas.so.12}; a host with only CUDA 13 has
 * {@code libcublas.so.13}. {@code scripts/cuda13-compat.sh DIR} writes a patched JCublas2 library
 * and a {@code libcublas.so.12} shim into DIR. This class finds DIR ({@code CANOPY_CUDA_NATIVES},
 * the system property {@code canopy.cuda.natives}, or {@code ~/.canopy/cuda-natives}) and, before
 * JCublas loads, loads CUDA 13's cuBLAS and the shim by absolute path (so no
 * {@code LD_LIBRARY_PATH} is needed) and points JCuda's library extraction at DIR, where JCuda
 * then finds the patched library under the file name it would have extracted. On a CUDA 12 host
 * there is no DIR and JCuda loads its own natives.
 *
 * <p>Without a GPU or driver, JCuda's classes load but its natives do not: the first call throws a
 * {@link LinkageError}. That is caught once and the outcome cached, so callers ask
 * {@link #availability()} and get a one-line reason instead of a stack of linkage errors.
 */
public final class CudaNatives {
  /** Environment variable naming the folder written by scripts/cuda13-compat.sh. */
  public static final String ENV = "CANOPY_CUDA_NATIVES";
  public static final String PROPERTY = "canopy.cuda.natives";
  static final String JCUBLAS_LIBRARY = "libJCublas2-12.6.0-linux-x86_64.so";
  private static final String SHIM = "libcublas.so.12";

  private static Availability cached;

  private CudaNatives() {}

  /**
   * Whether CUDA can be used in this JVM.
   *
   * @param available natives loaded and at least one device present
   * @param devices number of devices (0 when unavailable)
   * @param message one line: the devices found, or why there is no GPU
   */
  public record Availability(boolean available, int devices, String message) {}

  /** Loads the natives on first call; later calls return the cached outcome. */
  public static synchronized Availability availability() {
    if (cached == null) cached = load();
    return cached;
  }

  /**
   * Throws unless a GPU is usable.
   *
   * @throws IllegalStateException with the one-line reason
   */
  public static void require() {
    Availability a = availability();
    if (!a.available()) throw new IllegalStateException(a.message());
  }

  private static Availability load() {
    Path compat = compatFolder();
    try {
      JCudaDriver.setExceptionsEnabled(false);
      int status = cuInit(0);
      if (status != CUresult.CUDA_SUCCESS) {
        return new Availability(false, 0, "no GPU: cuInit failed with " + CUresult.stringFor(status));
      }
      int[] count = new int[1];
      status = cuDeviceGetCount(count);
      if (status != CUresult.CUDA_SUCCESS || count[0] == 0) {
        return new Availability(false, 0, "no GPU: the CUDA driver reports no device");
      }
    } catch (LinkageError e) {
      return new Availability(false, 0, "no GPU: the CUDA driver library could not be loaded (" + firstLine(e) + ")");
    }
    try {
      if (compat != null) preloadCompat(compat);
      loadCublas(compat);
    } catch (LinkageError | IOException e) {
      String hint = compat == null
          ? "; on a CUDA 13 host run scripts/cuda13-compat.sh DIR and set " + ENV + "=DIR"
          : " from " + compat;
      return new Availability(false, 0, "no GPU: cuBLAS natives could not be loaded" + hint + " (" + firstLine(e) + ")");
    }
    return new Availability(true, deviceCount(), deviceCount() + " CUDA device(s)"
        + (compat == null ? "" : ", cuBLAS through the CUDA 13 compatibility folder " + compat));
  }

  private static int deviceCount() {
    int[] count = new int[1];
    cuDeviceGetCount(count);
    return count[0];
  }

  /** The folder of scripts/cuda13-compat.sh's output, or null when none is set up. */
  static Path compatFolder() {
    String named = System.getenv(ENV);
    if (named == null || named.isBlank()) named = System.getProperty(PROPERTY);
    if (named != null && !named.isBlank()) return Paths.get(named).toAbsolutePath();
    Path home = Paths.get(System.getProperty("user.home"), ".canopy", "cuda-natives");
    return Files.isRegularFile(home.resolve(SHIM)) ? home : null;
  }

  /**
   * CUDA 13's cuBLAS, then the shim that re-exports it as libcublas.so.12: once a library of
   * that soname is in the process, the patched JCublas2 library's dependency is satisfied.
   */
  private static void preloadCompat(Path compat) throws IOException {
    Path shim = compat.resolve(SHIM);
    if (!Files.isRegularFile(shim) || !Files.isRegularFile(compat.resolve(JCUBLAS_LIBRARY))) {
      throw new IOException(compat + " lacks " + SHIM + " or " + JCUBLAS_LIBRARY + " (run scripts/cuda13-compat.sh " + compat + ")");
    }
    for (Path dir : cudaLibraryDirs(compat)) {
      Path lt = dir.resolve("libcublasLt.so.13");
      Path cublas = dir.resolve("libcublas.so.13");
      if (Files.isRegularFile(lt) && Files.isRegularFile(cublas)) {
        System.load(lt.toString());
        System.load(cublas.toString());
        break;
      }
    }
    System.load(shim.toString());
  }

  private static List<Path> cudaLibraryDirs(Path compat) throws IOException {
    List<Path> dirs = new ArrayList<>();
    Path recorded = compat.resolve("cuda-lib-dir");
    if (Files.isRegularFile(recorded)) dirs.add(Paths.get(Files.readString(recorded).trim()));
    String home = System.getenv("CUDA_HOME");
    if (home != null) dirs.add(Paths.get(home, "lib64"));
    dirs.add(Paths.get("/usr/local/cuda/lib64"));
    return dirs;
  }

  /**
   * JCuda first tries {@code java.library.path}, then extracts its library into
   * {@code java.io.tmpdir} and loads it from there, keeping a file that already exists. With the
   * property pointing at the compatibility folder for the moment of loading, the patched file is
   * the one loaded.
   */
  private static void loadCublas(Path compat) {
    // the first use of JCublas2 (any method) loads its library: nothing may touch it before this
    if (compat == null) {
      JCublas2.initialize();
    } else {
      String tmp = System.getProperty("java.io.tmpdir");
      System.setProperty("java.io.tmpdir", compat.toString());
      try {
        JCublas2.initialize();
      } finally {
        System.setProperty("java.io.tmpdir", tmp);
      }
    }
    JCublas2.setExceptionsEnabled(false);
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
  }
}
