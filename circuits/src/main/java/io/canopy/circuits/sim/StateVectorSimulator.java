package io.canopy.circuits.sim;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Schrödinger simulation of a circuit: applies every gate in place to a double-precision state
 * vector. The reference against which tensor-network amplitudes are checked, for up to
 * {@link StateVector#MAX_QUBITS} qubits (28 qubits take 4 GiB).
 *
 * <p>Gates are first fused into gates on at most two qubits ({@link GateFusion}); each fused gate is
 * one pass over the state, split into blocks that the threads of a fork-join pool share. Diagonal
 * gates (cz, cp, rz, t, s, z...) only scale amplitudes and take a cheaper path.
 */
public final class StateVectorSimulator {
  /** Blocks per thread: enough to even out uneven progress, few enough to keep overhead low. */
  private static final int BLOCKS_PER_THREAD = 8;

  private final int threads;

  public StateVectorSimulator(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, not " + threads);
    this.threads = threads;
  }

  /** The state C|0...0>. */
  public StateVector run(Circuit circuit) {
    StateVector state = StateVector.zero(circuit.numQubits());
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      for (Gate g : GateFusion.fuse(circuit.gates())) apply(pool, state, g);
    } finally {
      pool.shutdown();
    }
    return state;
  }

  private void apply(ForkJoinPool pool, StateVector s, Gate g) {
    GateKernel kernel = GateKernel.of(g, s);
    int units = kernel.units();
    int blocks = Math.max(1, Math.min(units, threads * BLOCKS_PER_THREAD));
    if (blocks == 1 || threads == 1) {
      kernel.run(0, units);
      return;
    }
    pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b -> kernel.run(
        (int) ((long) units * b / blocks), (int) ((long) units * (b + 1) / blocks)))).join();
  }
}
