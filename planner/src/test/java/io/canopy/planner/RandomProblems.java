package io.canopy.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Random hypergraphs for tests: random regular graphs with random index sizes. */
public final class RandomProblems {
  private RandomProblems() { }

  /**
   * A random {@code degree}-regular multigraph on {@code n} tensors (configuration model; self
   * pairs are re-drawn, parallel edges kept as separate indices), index log2 sizes drawn from
   * 1..maxLog2, and {@code numOutput} extra open indices on random tensors.
   */
  public static ContractionProblem regular(int n, int degree, int maxLog2, int numOutput, long seed) {
    Random rnd = new Random(seed);
    List<List<Integer>> tensors = new ArrayList<>();
    for (int i = 0; i < n; i++) tensors.add(new ArrayList<>());
    List<Integer> sizes = new ArrayList<>();
    int[] stubs = new int[n * degree];
    for (int i = 0; i < stubs.length; i++) stubs[i] = i / degree;
    for (int attempt = 0; ; attempt++) {
      shuffle(stubs, rnd);
      boolean ok = true;
      for (int i = 0; i + 1 < stubs.length; i += 2) if (stubs[i] == stubs[i + 1]) ok = false;
      if (ok || attempt > 100) break;
    }
    for (int i = 0; i + 1 < stubs.length; i += 2) {
      if (stubs[i] == stubs[i + 1]) continue;
      int ix = sizes.size();
      sizes.add(1 + rnd.nextInt(maxLog2));
      tensors.get(stubs[i]).add(ix);
      tensors.get(stubs[i + 1]).add(ix);
    }
    int[] output = new int[numOutput];
    for (int o = 0; o < numOutput; o++) {
      int ix = sizes.size();
      sizes.add(1 + rnd.nextInt(maxLog2));
      tensors.get(rnd.nextInt(n)).add(ix);
      output[o] = ix;
    }
    int[][] inputs = tensors.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
    return new ContractionProblem(inputs, output, sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * A rows x cols lattice of tensors with bonds of log2 size {@code bondLog2} and one open index
   * on the first tensor: planar, so good trees stay narrow however many tensors there are.
   */
  public static ContractionProblem grid(int rows, int cols, int bondLog2) {
    List<List<Integer>> tensors = new ArrayList<>();
    for (int i = 0; i < rows * cols; i++) tensors.add(new ArrayList<>());
    List<Integer> sizes = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int t = r * cols + c;
        if (c + 1 < cols) bond(tensors, sizes, t, t + 1, bondLog2);
        if (r + 1 < rows) bond(tensors, sizes, t, t + cols, bondLog2);
      }
    }
    int open = sizes.size();
    sizes.add(1);
    tensors.get(0).add(open);
    int[][] inputs = tensors.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
    return new ContractionProblem(inputs, new int[] {open}, sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  private static void bond(List<List<Integer>> tensors, List<Integer> sizes, int a, int b, int log2) {
    int ix = sizes.size();
    sizes.add(log2);
    tensors.get(a).add(ix);
    tensors.get(b).add(ix);
  }

  /** Adds hyperedges: {@code count} indices each shared by three random tensors. */
  public static ContractionProblem withHyperedges(ContractionProblem p, int count, long seed) {
    Random rnd = new Random(seed);
    int[][] inputs = p.inputs();
    int[] sizes = Arrays.copyOf(p.log2Sizes(), p.numIndices() + count);
    for (int h = 0; h < count; h++) {
      int ix = p.numIndices() + h;
      sizes[ix] = 1;
      int[] members = rnd.ints(0, inputs.length).distinct().limit(3).toArray();
      for (int t : members) {
        inputs[t] = Arrays.copyOf(inputs[t], inputs[t].length + 1);
        inputs[t][inputs[t].length - 1] = ix;
      }
    }
    return new ContractionProblem(inputs, p.output(), sizes);
  }

  private static void shuffle(int[] a, Random rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Checks the structural invariants of a tree: every input used once, root has the output. */
  public static void assertValid(ContractionTree tree) {
    int n = tree.numInputs();
    if (tree.numNodes() != 2 * n - 1) throw new AssertionError("node count " + tree.numNodes());
    int[] parents = new int[tree.numNodes()];
    for (int node = n; node < tree.numNodes(); node++) {
      parents[tree.left(node)]++;
      parents[tree.right(node)]++;
      if (tree.left(node) >= node || tree.right(node) >= node) throw new AssertionError("not SSA at " + node);
    }
    for (int node = 0; node < tree.root(); node++) {
      if (parents[node] != 1) throw new AssertionError("node " + node + " has " + parents[node] + " parents");
    }
    int[] rootIx = tree.indices(tree.root());
    int[] out = tree.problem().output();
    Arrays.sort(rootIx);
    Arrays.sort(out);
    if (n > 1 && !Arrays.equals(rootIx, out)) {
      throw new AssertionError("root keeps " + Arrays.toString(rootIx) + " not the output " + Arrays.toString(out));
    }
    for (int s : tree.sliced()) {
      for (int o : out) if (o == s) throw new AssertionError("output index " + s + " is sliced");
    }
  }
}
