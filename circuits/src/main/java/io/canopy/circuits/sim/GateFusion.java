package io.canopy.circuits.sim;

import io.canopy.circuits.Gate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Fuses a gate sequence into fewer gates on at most two qubits each, so that a state-vector
 * simulation makes one pass over memory per fused gate instead of one per gate (the idea of qsim's
 * basic gate fuser). For random circuits this leaves about one pass per two-qubit gate.
 *
 * <p>A gate merges into the latest fused gate of its qubits when that one covers all of them: no
 * later fused gate touches those qubits, so moving the gate earlier commutes with everything it
 * passes. A two-qubit gate whose qubits end in different fused gates starts a new one, and takes in
 * any pending one-qubit fused gates of its qubits (they are the latest on their qubit, so moving
 * them later is safe too).
 */
final class GateFusion {
  private GateFusion() {}

  /** A fused gate under construction: its qubits (first = high bit) and its planar matrix. */
  private static final class Block {
    final int[] qubits;
    double[] re;
    double[] im;
    int time;

    Block(int[] qubits, double[] re, double[] im, int time) {
      this.qubits = qubits;
      this.re = re;
      this.im = im;
      this.time = time;
    }

    Gate toGate() {
      return new Gate("fused", time, qubits, new double[0], re, im);
    }
  }

  static List<Gate> fuse(List<Gate> gates) {
    LinkedHashSet<Block> order = new LinkedHashSet<>();
    Map<Integer, Block> latest = new HashMap<>();
    for (Gate g : gates) {
      int[] q = g.qubits();
      Block covering = q.length == 0 ? null : latest.get(q[0]);
      if (covering != null && covers(covering, q) && Arrays.stream(q).allMatch(
          x -> latest.get(x) == covering)) {
        multiplyInto(covering, g);
        continue;
      }
      if (q.length == 2) {
        Block b = new Block(q, g.matrixRe(), g.matrixIm(), g.time());
        // Pending one-qubit blocks act before g: the new block is g * (P0 (x) P1).
        for (int x : q) {
          Block p = latest.get(x);
          if (p != null && p.qubits.length == 1) {
            Block embedded = new Block(q, identity(4), new double[16], p.time);
            multiplyInto(embedded, p.toGate());
            multiplyInto(embedded, b.toGate());
            b.re = embedded.re;
            b.im = embedded.im;
            order.remove(p);
          }
        }
        b.time = g.time();
        order.add(b);
        latest.put(q[0], b);
        latest.put(q[1], b);
      } else {
        Block b = new Block(q, g.matrixRe(), g.matrixIm(), g.time());
        order.add(b);
        for (int x : q) latest.put(x, b);
      }
    }
    List<Gate> out = new ArrayList<>(order.size());
    for (Block b : order) out.add(b.toGate());
    return out;
  }

  private static boolean covers(Block b, int[] qubits) {
    for (int q : qubits) {
      if (Arrays.stream(b.qubits).noneMatch(x -> x == q)) return false;
    }
    return true;
  }

  /** block := g * block, with g's matrix embedded in the block's qubit space. */
  private static void multiplyInto(Block b, Gate g) {
    int dim = 1 << b.qubits.length;
    int gdim = 1 << g.arity();
    double[] gr = g.matrixRe();
    double[] gi = g.matrixIm();
    // Position (bit from the high end) of each gate qubit inside the block index.
    int[] shift = new int[g.arity()];
    int gateMask = 0;
    for (int i = 0; i < shift.length; i++) {
      int pos = 0;
      while (b.qubits[pos] != g.qubit(i)) pos++;
      shift[i] = b.qubits.length - 1 - pos;
      gateMask |= 1 << shift[i];
    }
    double[] nr = new double[dim * dim];
    double[] ni = new double[dim * dim];
    for (int r = 0; r < dim; r++) {
      for (int k = 0; k < dim; k++) {
        if ((r & ~gateMask) != (k & ~gateMask)) continue;
        int gr0 = local(r, shift);
        int gk0 = local(k, shift);
        double er = gr[gr0 * gdim + gk0];
        double ei = gi[gr0 * gdim + gk0];
        if (er == 0 && ei == 0) continue;
        for (int c = 0; c < dim; c++) {
          double br = b.re[k * dim + c];
          double bi = b.im[k * dim + c];
          nr[r * dim + c] += er * br - ei * bi;
          ni[r * dim + c] += er * bi + ei * br;
        }
      }
    }
    b.re = nr;
    b.im = ni;
    b.time = Math.max(b.time, g.time());
  }

  /** The gate-local index (first gate qubit high) of block index i. */
  private static int local(int i, int[] shift) {
    int r = 0;
    for (int s : shift) r = (r << 1) | ((i >> s) & 1);
    return r;
  }

  private static double[] identity(int dim) {
    double[] m = new double[dim * dim];
    for (int i = 0; i < dim; i++) m[i * dim + i] = 1;
    return m;
  }
}
