package io.canopy.spark;

import io.canopy.contractor.Backend;
import io.canopy.contractor.Precision;
import io.canopy.contractor.cpu.Nd4jBackend;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Creates backends by name and keeps one per thread and kind for the life of the JVM: building a
 * backend (native libraries, GPU context, memory pool) costs seconds, so an executor builds it
 * once and reuses it for all its tasks. Backends are single-threaded, hence one per task thread.
 */
public final class Backends {
  private static final ThreadLocal<Map<String, Backend>> CACHE = ThreadLocal.withInitial(HashMap::new);

  private Backends() {}

  /** Checks a backend name given on the command line. */
  public static String checkName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!n.equals("cpu")) {
      throw new IllegalArgumentException("unknown backend '" + name + "' (expected cpu)");
    }
    return n;
  }

  /** The calling thread's backend of this kind, created on first use. */
  public static Backend forThread(String name, Precision precision) {
    return CACHE.get().computeIfAbsent(name + "/" + precision.label(), k -> create(name, precision));
  }

  static Backend create(String name, Precision precision) {
    switch (checkName(name)) {
      case "cpu":
        return new Nd4jBackend(precision);
      default:
        throw new IllegalStateException("unreachable");
    }
  }
}
