package io.canopy.contractor.cpu;

import org.nd4j.linalg.factory.Nd4j;

/**
 * One-time, process-wide setup of ND4J: no more compute threads than the cores this JVM may use
 * (a container often shows the host's cores to OpenMP but not to Java).
 */
final class Nd4jRuntime {
  private static boolean configured;

  private Nd4jRuntime() {}

  static synchronized void configure() {
    if (configured) return;
    int cores = Runtime.getRuntime().availableProcessors();
    var env = Nd4j.getEnvironment();
    if (env.maxThreads() > cores) env.setMaxThreads(cores);
    if (env.maxMasterThreads() > cores) env.setMaxMasterThreads(cores);
    var blas = Nd4j.factory().blas();
    if (blas.getMaxThreads() > cores) blas.setMaxThreads(cores);
    configured = true;
  }

  /** At most {@code threads} BLAS threads for every product from now on (process-wide). */
  static synchronized void blasThreads(int threads) {
    configure();
    Nd4j.factory().blas().setMaxThreads(Math.max(1, threads));
  }
}
