package io.canopy.circuits.generate;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.Gate;
import io.canopy.circuits.GateType;
import io.canopy.circuits.layout.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random circuits of Google's supremacy experiment: m cycles, each a layer of single-qubit gates
 * drawn from {sqrt X, sqrt Y, sqrt W} (never the same gate on a qubit in two consecutive cycles),
 * then fSim(theta, phi) on the couplers of one pattern, the patterns taken in turn from a sequence
 * (ABCDCDAB by default); then a last single-qubit layer. The same seed gives the same circuit.
 *
 * <p>Times follow the published files: cycle c puts its single-qubit layer at time 4c and its
 * fSim layer at 4c + 2 (the published files have the phase-correcting rz layers at 4c + 1 and
 * 4c + 3, which ideal fSim gates do not need); the last layer is at time 4m.
 */
public final class RandomCircuitGenerator {
  private static final GateType[] SINGLE = {GateType.X_1_2, GateType.Y_1_2, GateType.HZ_1_2};

  private final Layout layout;
  private double theta = Math.PI / 2;
  private double phi = Math.PI / 6;
  private String patterns = "ABCDCDAB";

  public RandomCircuitGenerator(Layout layout) {
    this.layout = layout;
  }

  /** fSim swap angle theta (default pi/2). */
  public RandomCircuitGenerator theta(double theta) {
    this.theta = theta;
    return this;
  }

  /** fSim phase phi (default pi/6). */
  public RandomCircuitGenerator phi(double phi) {
    this.phi = phi;
    return this;
  }

  /** The coupler pattern sequence, letters A..H, repeated over the cycles (default ABCDCDAB). */
  public RandomCircuitGenerator patterns(String sequence) {
    if (sequence.isEmpty()) throw new IllegalArgumentException("empty coupler pattern sequence");
    for (char c : sequence.toCharArray()) layout.pattern(c);
    this.patterns = sequence;
    return this;
  }

  public Circuit generate(int cycles, long seed) {
    if (cycles < 0) throw new IllegalArgumentException("cycles must be >= 0, not " + cycles);
    SplittableRandom rng = new SplittableRandom(seed);
    int n = layout.numQubits();
    int[] previous = new int[n];
    Arrays.fill(previous, -1);
    List<Gate> gates = new ArrayList<>();
    for (int c = 0; c <= cycles; c++) {
      for (int q = 0; q < n; q++) {
        // The first layer draws among three gates, later ones among the two that differ.
        int pick = previous[q] < 0 ? rng.nextInt(3) : (previous[q] + 1 + rng.nextInt(2)) % 3;
        previous[q] = pick;
        gates.add(SINGLE[pick].create(4 * c, new int[] {q}));
      }
      if (c == cycles) break;
      for (int[] coupler : layout.pattern(patterns.charAt(c % patterns.length()))) {
        gates.add(GateType.FS.create(4 * c + 2, coupler.clone(), theta, phi));
      }
    }
    return new Circuit(n, gates);
  }
}
