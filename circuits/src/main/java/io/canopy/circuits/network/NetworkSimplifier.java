package io.canopy.circuits.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shrinks a network before planning by contracting every pair of neighbouring tensors whose result
 * is no larger than the larger of the two. That absorbs |0> vectors, <x| projections and
 * single-qubit gates into their neighbours, and fuses consecutive two-qubit gates on the same
 * qubits, without ever creating a bigger tensor.
 *
 * <p>Which tensors merge depends only on the structure (indices and their sizes), never on the
 * values, so networks of different bitstrings simplify to the same structure and share a plan.
 * The result keeps the invariants of {@link TensorNetwork}: every index in exactly two places and
 * the output indices in their order. Its indices are renumbered 0..m-1 in the order of the old ids.
 */
public final class NetworkSimplifier {
  private static final int OUTPUT = -1;

  private NetworkSimplifier() {}

  public static TensorNetwork simplify(TensorNetwork network) {
    return new Run(network).simplify();
  }

  /** The working state: tensors by slot (null once merged away) and the two holders of every index. */
  private static final class Run {
    private final int[] log2Size;
    private final int[] output;
    private final Tensor[] slots;
    private final int[][] holders;

    Run(TensorNetwork network) {
      log2Size = network.log2Sizes();
      output = network.output();
      slots = network.tensors().toArray(new Tensor[0]);
      holders = new int[log2Size.length][];
      for (int i = 0; i < holders.length; i++) holders[i] = new int[] {OUTPUT, OUTPUT};
      int[] seen = new int[log2Size.length];
      for (int s = 0; s < slots.length; s++) {
        for (int ix : slots[s].indices()) holders[ix][seen[ix]++] = s;
      }
    }

    TensorNetwork simplify() {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int s = 0; s < slots.length; s++) {
          if (slots[s] != null && mergeWithSomeNeighbour(s)) changed = true;
        }
      }
      foldScalars();
      return compact();
    }

    /** Merges slot s with its first neighbour (in index order) for which the merge pays. */
    private boolean mergeWithSomeNeighbour(int s) {
      for (int ix : slots[s].indices()) {
        int other = holders[ix][0] == s ? holders[ix][1] : holders[ix][0];
        if (other == OUTPUT) continue;
        if (merge(s, other)) return true;
      }
      return false;
    }

    private boolean merge(int s, int t) {
      Tensor a = slots[s];
      Tensor b = slots[t];
      // The larger tensor keeps its slot and its index order; ties go to the lower slot.
      int keep = bits(a) > bits(b) || (bits(a) == bits(b) && s < t) ? s : t;
      int drop = keep == s ? t : s;
      Tensor big = slots[keep];
      Tensor small = slots[drop];
      int[] result = unshared(big, small);
      if (bits(result) > Math.max(bits(a), bits(b))) return false;
      slots[keep] = PairContraction.contract(big, small, result, log2Size);
      slots[drop] = null;
      for (int ix : result) {
        if (holders[ix][0] == drop) holders[ix][0] = keep;
        if (holders[ix][1] == drop) holders[ix][1] = keep;
      }
      return true;
    }

    /** Multiplies tensors without indices (scalars) into the first other remaining tensor. */
    private void foldScalars() {
      for (int s = 0; s < slots.length; s++) {
        if (slots[s] == null || slots[s].rank() > 0) continue;
        for (int t = 0; t < slots.length; t++) {
          if (t != s && slots[t] != null) {
            slots[t] = PairContraction.contract(slots[t], slots[s], slots[t].indices(), log2Size);
            slots[s] = null;
            break;
          }
        }
      }
    }

    private TensorNetwork compact() {
      int[] renumber = new int[log2Size.length];
      Arrays.fill(renumber, -1);
      for (Tensor t : slots) {
        if (t != null) for (int ix : t.indices()) renumber[ix] = 0;
      }
      for (int ix : output) renumber[ix] = 0;
      List<Integer> sizes = new ArrayList<>();
      for (int ix = 0; ix < renumber.length; ix++) {
        if (renumber[ix] == 0) {
          renumber[ix] = sizes.size();
          sizes.add(log2Size[ix]);
        }
      }
      List<Tensor> tensors = new ArrayList<>();
      for (Tensor t : slots) {
        if (t == null) continue;
        int[] idx = t.indices();
        for (int j = 0; j < idx.length; j++) idx[j] = renumber[idx[j]];
        tensors.add(new Tensor(idx, t.re(), t.im()));
      }
      int[] out = output.clone();
      for (int j = 0; j < out.length; j++) out[j] = renumber[out[j]];
      return new TensorNetwork(tensors, sizes.stream().mapToInt(Integer::intValue).toArray(), out);
    }

    private int[] unshared(Tensor first, Tensor second) {
      int[] a = first.indices();
      int[] b = second.indices();
      int[] out = new int[a.length + b.length];
      int n = 0;
      for (int ix : a) if (!PairContraction.contains(b, ix)) out[n++] = ix;
      for (int ix : b) if (!PairContraction.contains(a, ix)) out[n++] = ix;
      return Arrays.copyOf(out, n);
    }

    private int bits(Tensor t) {
      return bits(t.indices());
    }

    private int bits(int[] indices) {
      int b = 0;
      for (int ix : indices) b += log2Size[ix];
      return b;
    }
  }
}
