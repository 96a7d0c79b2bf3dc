package io.canopy.contractor;

import io.canopy.circuits.network.Tensor;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.contractor.NaiveEinsum.Operand;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Small random tensor networks and contraction trees over them, for tests. */
public final class RandomNetworks {
  private RandomNetworks() {}

  /**
   * A connected network of {@code tensors} tensors with Gaussian complex values: a random chain
   * links them all, {@code extraEdges} more indices join random pairs, and {@code open} indices go
   * to the output, each from a random tensor. Index sizes are 2, or 4 for every third index.
   */
  public static TensorNetwork random(int tensors, int extraEdges, int open, Random rnd) {
    List<List<Integer>> ix = new ArrayList<>();
    for (int t = 0; t < tensors; t++) ix.add(new ArrayList<>());
    List<Integer> log2 = new ArrayList<>();
    for (int t = 1; t < tensors; t++) link(ix, log2, rnd.nextInt(t), t);
    for (int e = 0; e < extraEdges; e++) {
      int a = rnd.nextInt(tensors);
      int b = (a + 1 + rnd.nextInt(tensors - 1)) % tensors;
      link(ix, log2, a, b);
    }
    int[] output = new int[open];
    for (int o = 0; o < open; o++) {
      output[o] = log2.size();
      log2.add(1);
      ix.get(rnd.nextInt(tensors)).add(output[o]);
    }
    List<Tensor> ts = new ArrayList<>();
    int[] sizes = log2.stream().mapToInt(Integer::intValue).toArray();
    for (List<Integer> t : ix) {
      Collections.shuffle(t, rnd);
      int[] indices = t.stream().mapToInt(Integer::intValue).toArray();
      int n = 1;
      for (int i : indices) n <<= sizes[i];
      double[] re = new double[n];
      double[] im = new double[n];
      for (int i = 0; i < n; i++) {
        re[i] = rnd.nextGaussian();
        im[i] = rnd.nextGaussian();
      }
      ts.add(new Tensor(indices, re, im));
    }
    TensorNetwork network = new TensorNetwork(ts, sizes, output);
    network.validate();
    return network;
  }

  private static void link(List<List<Integer>> ix, List<Integer> log2, int a, int b) {
    int id = log2.size();
    log2.add(id % 3 == 2 ? 2 : 1);
    ix.get(a).add(id);
    ix.get(b).add(id);
  }

  /** The exact result of the whole network, by {@link NaiveEinsum}. */
  public static Operand reference(TensorNetwork network) {
    List<Operand> ops = new ArrayList<>();
    for (Tensor t : network.tensors()) ops.add(new Operand(t.indices(), t.re(), t.im()));
    return NaiveEinsum.contract(ops, network.output(), network.log2Sizes());
  }

  /** The left-deep tree: input 0 with 1, that with 2, and so on. */
  public static ContractionTree sequential(ContractionProblem problem) {
    int n = problem.numInputs();
    int[][] path = new int[n - 1][];
    for (int k = 0; k < n - 1; k++) path[k] = new int[] {k == 0 ? 0 : n + k - 1, k + 1};
    return ContractionTree.fromSsaPath(problem, path);
  }

  /** A tree joining random pairs of live nodes. */
  public static ContractionTree randomPairs(ContractionProblem problem, Random rnd) {
    int n = problem.numInputs();
    List<Integer> live = new ArrayList<>();
    for (int i = 0; i < n; i++) live.add(i);
    int[][] path = new int[n - 1][];
    for (int k = 0; k < n - 1; k++) {
      int a = live.remove(rnd.nextInt(live.size()));
      int b = live.remove(rnd.nextInt(live.size()));
      path[k] = new int[] {a, b};
      live.add(n + k);
    }
    return ContractionTree.fromSsaPath(problem, path);
  }
}
