package io.canopy.planner;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A binary contraction tree over the inputs of a {@link ContractionProblem}, with an optional set
 * of sliced indices. Nodes use SSA numbering: leaves are {@code 0..n-1} (the inputs), and the
 * k-th contraction creates node {@code n+k}; the root is the last node.
 *
 * <p>Every node knows its indices: an index of a subtree is kept when it also appears outside
 * the subtree or in the output. The cost of a contraction is the product of the sizes of all
 * indices of its two children (its multiply-add count, cotengra's "contraction cost"); sliced
 * indices count with size 1, and the total over all slices is that times the number of slices.
 */
public final class ContractionTree implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ContractionProblem problem;
  private final int[] left;
  private final int[] right;
  private final int[][] nodeIndices;
  private final int[] sliced;
  private final BitSet slicedSet;
  private final int[] parent;
  private final boolean[] variesWithSlice;

  private ContractionTree(ContractionProblem problem, int[] left, int[] right, int[] sliced) {
    this.problem = problem;
    this.left = left;
    this.right = right;
    this.sliced = sliced.clone();
    Arrays.sort(this.sliced);
    this.slicedSet = new BitSet();
    for (int s : this.sliced) {
      if (s < 0 || s >= problem.numIndices()) {
        throw new IllegalArgumentException("sliced index " + s + " is not an index of the problem");
      }
      slicedSet.set(s);
    }
    this.nodeIndices = computeIndices();
    this.parent = new int[left.length];
    this.variesWithSlice = new boolean[left.length];
    parent[left.length - 1] = -1;
    for (int node = 0; node < left.length; node++) {
      if (isLeaf(node)) {
        for (int ix : nodeIndices[node]) variesWithSlice[node] |= slicedSet.get(ix);
      } else {
        variesWithSlice[node] = variesWithSlice[left[node]] || variesWithSlice[right[node]];
        parent[left[node]] = node;
        parent[right[node]] = node;
      }
    }
  }

  /**
   * Builds a tree from an SSA path: each step names two live nodes by SSA id and creates the next
   * id. The path must contract all inputs into one node.
   *
   * @throws IllegalArgumentException if a step names a dead or unknown node or inputs remain
   */
  public static ContractionTree fromSsaPath(ContractionProblem problem, int[][] path, int[] sliced) {
    int n = problem.numInputs();
    if (path.length != n - 1) {
      throw new IllegalArgumentException("a path over " + n + " inputs needs " + (n - 1)
          + " steps, got " + path.length);
    }
    int total = 2 * n - 1;
    int[] left = new int[total];
    int[] right = new int[total];
    Arrays.fill(left, -1);
    Arrays.fill(right, -1);
    boolean[] consumed = new boolean[total];
    for (int k = 0; k < path.length; k++) {
      int node = n + k;
      if (path[k].length != 2) throw new IllegalArgumentException("path step " + k + " is not a pair");
      int a = path[k][0];
      int b = path[k][1];
      for (int c : new int[] {a, b}) {
        if (c < 0 || c >= node || consumed[c]) {
          throw new IllegalArgumentException("path step " + k + " uses node " + c
              + " which is not live at that point");
        }
        consumed[c] = true;
      }
      if (a == b) throw new IllegalArgumentException("path step " + k + " contracts node " + a + " with itself");
      left[node] = a;
      right[node] = b;
    }
    return new ContractionTree(problem, left, right, sliced);
  }

  public static ContractionTree fromSsaPath(ContractionProblem problem, int[][] path) {
    return fromSsaPath(problem, path, new int[0]);
  }

  /** The same tree with another set of sliced indices. */
  public ContractionTree withSliced(int[] newSliced) {
    return new ContractionTree(problem, left, right, newSliced);
  }

  private int[][] computeIndices() {
    int n = problem.numInputs();
    int total = 2 * n - 1;
    int numIx = problem.numIndices();
    int[] totalCount = new int[numIx];
    for (int t = 0; t < n; t++) for (int ix : problem.input(t)) totalCount[ix]++;
    for (int ix : problem.output()) totalCount[ix]++;
    int[][] idx = new int[total][];
    int[][] counts = new int[total][]; // per node: count of each of its index in the subtree, parallel to idx
    for (int t = 0; t < n; t++) {
      int[] in = problem.input(t);
      int[] sorted = in.clone();
      Arrays.sort(sorted);
      idx[t] = in;
      // a leaf may repeat an index (a diagonal); count multiplicity per distinct index
      int[] uniq = Arrays.stream(sorted).distinct().toArray();
      int[] c = new int[uniq.length];
      for (int i = 0; i < uniq.length; i++) {
        for (int ix : in) if (ix == uniq[i]) c[i]++;
      }
      counts[t] = c;
      idx[t] = uniq;
    }
    for (int node = n; node < total; node++) {
      int a = left[node];
      int b = right[node];
      int[] ia = idx[a];
      int[] ib = idx[b];
      int[] merged = new int[ia.length + ib.length];
      int[] mc = new int[merged.length];
      int i = 0;
      int j = 0;
      int m = 0;
      while (i < ia.length || j < ib.length) {
        int ix;
        int c;
        if (j >= ib.length || (i < ia.length && ia[i] < ib[j])) {
          ix = ia[i];
          c = counts[a][i++];
        } else if (i >= ia.length || ib[j] < ia[i]) {
          ix = ib[j];
          c = counts[b][j++];
        } else {
          ix = ia[i];
          c = counts[a][i++] + counts[b][j++];
        }
        if (c < totalCount[ix]) {
          merged[m] = ix;
          mc[m++] = c;
        }
      }
      idx[node] = Arrays.copyOf(merged, m);
      counts[node] = Arrays.copyOf(mc, m);
    }
    // leaves keep their original index order (their memory layout); internal nodes are sorted
    for (int t = 0; t < n; t++) idx[t] = problem.input(t);
    return idx;
  }

  public ContractionProblem problem() { return problem; }

  public int numInputs() { return problem.numInputs(); }

  public int numNodes() { return left.length; }

  public int root() { return left.length - 1; }

  public boolean isLeaf(int node) { return node < problem.numInputs(); }

  public int left(int node) { return left[node]; }

  public int right(int node) { return right[node]; }

  /** Indices of a node: for a leaf its input's indices in order, for a contraction sorted ascending. */
  public int[] indices(int node) { return nodeIndices[node].clone(); }

  public int[] sliced() { return sliced.clone(); }

  public boolean isSliced(int index) { return slicedSet.get(index); }

  /** The node a node is contracted into, or -1 for the root. */
  public int parent(int node) { return parent[node]; }

  /** Whether a node's tensor differs between slices: its subtree touches a sliced index. */
  public boolean variesWithSlice(int node) { return variesWithSlice[node]; }

  /**
   * Whether a node is the root of a largest subtree no sliced index touches: the same in every
   * slice while its parent is not, so a range of slices can contract it once and keep it.
   */
  public boolean isSliceInvariantRoot(int node) {
    return !variesWithSlice[node] && parent[node] >= 0 && variesWithSlice[parent[node]];
  }

  /** log2 of the number of slices: the summed log2 sizes of the sliced indices. */
  public int log2NumSlices() {
    int s = 0;
    for (int ix : sliced) s += problem.log2Size(ix);
    return s;
  }

  /** The number of slices, as a double because it may exceed a long's range in planning. */
  public double numSlices() { return Math.pow(2, log2NumSlices()); }

  /** log2 of the element count of a node's tensor within one slice. */
  public int log2Size(int node) {
    int s = 0;
    for (int ix : nodeIndices[node]) if (!slicedSet.get(ix)) s += problem.log2Size(ix);
    return s;
  }

  /**
   * log2 of the multiply-add count of the contraction creating {@code node} within one slice: the
   * summed log2 sizes of all distinct indices of its two children. Leaves cost nothing (-inf).
   */
  public int log2Flops(int node) {
    if (isLeaf(node)) return Integer.MIN_VALUE;
    int[] a = nodeIndices[left[node]];
    int[] b = nodeIndices[right[node]];
    int s = 0;
    BitSet seen = new BitSet();
    for (int ix : a) if (!slicedSet.get(ix) && !seen.get(ix)) { seen.set(ix); s += problem.log2Size(ix); }
    for (int ix : b) if (!slicedSet.get(ix) && !seen.get(ix)) { seen.set(ix); s += problem.log2Size(ix); }
    return s;
  }

  /** Multiply-adds of one slice: the sum over all contractions. */
  public double flopsPerSlice() {
    double f = 0;
    for (int node = numInputs(); node < numNodes(); node++) f += Math.pow(2, log2Flops(node));
    return f;
  }

  /** log10 of the multiply-adds summed over all slices (cotengra's contraction cost). */
  public double log10Flops() {
    return Math.log10(flopsPerSlice()) + log2NumSlices() * Math.log10(2);
  }

  /** log2 of the largest tensor (inputs and intermediates) within one slice. */
  public int log2MaxSize() {
    int m = 0;
    for (int node = 0; node < numNodes(); node++) m = Math.max(m, log2Size(node));
    return m;
  }

  /** Elements written by all contractions of one slice (the "write" objective). */
  public double writesPerSlice() {
    double w = 0;
    for (int node = numInputs(); node < numNodes(); node++) w += Math.pow(2, log2Size(node));
    return w;
  }

  /** The tree as an SSA path: step k contracts {@code path[k][0]} and {@code path[k][1]}. */
  public int[][] ssaPath() {
    int n = numInputs();
    int[][] path = new int[numNodes() - n][];
    for (int node = n; node < numNodes(); node++) path[node - n] = new int[] {left[node], right[node]};
    return path;
  }
}
