package io.canopy.contractor;

import io.canopy.circuits.network.TensorNetwork;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import io.canopy.planner.SmallOperandFusion;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Executes a contraction plan on a range of slices through a {@link Backend} and returns the sum
 * of the slices' results, in the network's output index order.
 *
 * <p>Slice ids map to values of the sliced indices as {@link SlicedIndices} describes (mixed
 * radix, lowest sliced index id most significant). Input tensors touching a sliced index are cut
 * on the host and uploaded per slice; the tree is walked in SSA order and every intermediate is
 * freed as soon as its parent exists; slice results are summed on the backend and downloaded once.
 * Where the backend asks for it ({@link Backend#smallOperandFusion()}), the tree walked is the
 * plan's with runs of small operands on one large tensor contracted with each other first: the
 * same result, fewer passes over large tensors.
 *
 * <p>Reuse across slices: a subtree none of whose inputs touches a sliced index computes the same
 * tensor in every slice. With reuse on (the default), the largest such subtrees are contracted
 * once per range and kept on the backend until the range ends. This trades memory for time: the
 * kept tensors ({@link #invariantElements()} elements) stay resident next to the per-slice
 * working set that the plan's size target bounds, so a backend sized tightly to the plan's largest
 * intermediate may need reuse off.
 */
public final class SliceContractor {
  private final Plan plan;
  private final ContractionTree tree;
  private final Backend backend;
  private final boolean reuse;
  /** Nodes contracted once per range and kept: invariant nodes whose parent varies. */
  private final boolean[] kept;
  /**
   * Indices each contraction keeps, sliced ones left out, ordered as a layout hint: by how soon a
   * contraction up the tree sums them, soonest last, so that a permuted result keeps the indices of
   * the next few contractions next to each other at one end, where GEMMs read them without
   * permuting again; the root asks for the output order.
   */
  private final int[][] keep;
  /** Indices of each contraction's result that its parent sums over (sliced ones left out). */
  private final int[][] nextSummed;

  /** A contractor that reuses slice-invariant subtrees within a range. */
  public SliceContractor(Plan plan, Backend backend) {
    this(plan, backend, true);
  }

  /**
   * @param reuseInvariantSubtrees contract subtrees that no slice changes once per range and keep
   *     them (faster, more memory; see the class comment)
   * @throws IllegalArgumentException if the plan slices an output index (slices would then be
   *     parts of the output, not terms of a sum)
   */
  public SliceContractor(Plan plan, Backend backend, boolean reuseInvariantSubtrees) {
    this.plan = plan;
    this.tree = backend.smallOperandFusion().map(limits -> SmallOperandFusion.apply(plan.tree(), limits).tree())
        .orElse(plan.tree());
    this.backend = backend;
    // without sliced indices there is one slice and nothing to reuse
    this.reuse = reuseInvariantSubtrees && tree.sliced().length > 0;
    for (int ix : plan.problem().output()) {
      if (tree.isSliced(ix)) {
        throw new IllegalArgumentException("plan slices output index " + ix + "; only summed indices can be sliced");
      }
    }
    int nodes = tree.numNodes();
    keep = new int[nodes][];
    nextSummed = new int[nodes][];
    int[][] survived = contractionsSurvived();
    for (int node = tree.numInputs(); node < nodes; node++) {
      boolean root = node == tree.root();
      keep[node] = root ? plan.problem().output() : keepOrder(node, survived[node]);
      nextSummed[node] = root ? new int[0] : summedByParent(node, tree.parent(node));
    }
    kept = new boolean[nodes];
    for (int node = 0; node < nodes; node++) kept[node] = reuse && tree.isSliceInvariantRoot(node);
  }

  /**
   * The node's unsliced indices, those that survive the most contractions up the tree first (the
   * output's, never summed, lead), those the parent sums over last.
   *
   * @param survived for each of the node's indices, in its order, how many ancestors hold it
   */
  private int[] keepOrder(int node, int[] survived) {
    int[] indices = tree.indices(node);
    return IntStream.range(0, indices.length).filter(i -> !tree.isSliced(indices[i])).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> -survived[i]))
        .mapToInt(i -> indices[i]).toArray();
  }

  /**
   * For every node and each of its indices (in the node's order), how many ancestors still hold
   * the index (all of them, up to the root, for output indices): one pass from the root down, as a
   * parent's count plus one where the parent holds the index.
   */
  private int[][] contractionsSurvived() {
    int[][] survived = new int[tree.numNodes()][];
    for (int node = tree.numNodes() - 1; node >= 0; node--) {
      int[] indices = tree.indices(node);
      survived[node] = new int[indices.length];
      int parent = tree.parent(node);
      if (parent < 0) continue;
      int[] parentIndices = tree.indices(parent);
      for (int i = 0; i < indices.length; i++) {
        for (int j = 0; j < parentIndices.length; j++) {
          if (parentIndices[j] == indices[i]) survived[node][i] = survived[parent][j] + 1;
        }
      }
    }
    return survived;
  }

  /** The unsliced indices of {@code node} that {@code parent} sums over. */
  private int[] summedByParent(int node, int parent) {
    int[] parentIndices = tree.indices(parent);
    return Arrays.stream(tree.indices(node))
        .filter(ix -> !tree.isSliced(ix) && Arrays.stream(parentIndices).noneMatch(p -> p == ix)).toArray();
  }

  public Plan plan() { return plan; }

  /** The tree contracted: the plan's, with runs of small operands fused where the backend asks for it. */
  public ContractionTree tree() { return tree; }

  /** Elements of the tensors kept across the slices of a range (0 with reuse off). */
  public long invariantElements() {
    long e = 0;
    for (int node = 0; node < kept.length; node++) if (kept[node]) e += 1L << tree.log2Size(node);
    return e;
  }

  /** The full contraction: the sum over all slices. */
  public HostTensor contractAll(TensorNetwork network) {
    return contract(network, 0, plan.numSlices());
  }

  /** The sum over slices {@code fromSlice} (inclusive) to {@code toSlice} (exclusive). */
  public HostTensor contract(TensorNetwork network, long fromSlice, long toSlice) {
    return contract(network, fromSlice, toSlice, SliceListener.NONE);
  }

  /**
   * The sum over slices {@code fromSlice} (inclusive) to {@code toSlice} (exclusive), telling
   * {@code listener} after each slice. An empty range gives zeros.
   *
   * @throws IllegalArgumentException if the plan was made for another network or the range is
   *     outside {@code 0..numSlices}
   */
  public HostTensor contract(TensorNetwork network, long fromSlice, long toSlice, SliceListener listener) {
    plan.checkFor(NetworkProblems.of(network));
    network.validate();
    long numSlices = plan.numSlices();
    if (fromSlice < 0 || toSlice > numSlices || fromSlice > toSlice) {
      throw new IllegalArgumentException("slice range [" + fromSlice + ", " + toSlice
          + ") is not within the plan's " + numSlices + " slices");
    }
    int[] output = network.output();
    if (fromSlice == toSlice) return zeros(network);
    SlicedIndices slicing = new SlicedIndices(tree.sliced(), network.log2Sizes());
    DeviceTensor[] invariant = new DeviceTensor[tree.numNodes()];
    DeviceTensor sum = null;
    try {
      if (reuse) contractInvariant(network, slicing, invariant);
      for (long s = fromSlice; s < toSlice; s++) {
        DeviceTensor term = inOutputOrder(contractSlice(network, slicing, s, invariant), output);
        if (sum == null) {
          sum = term;
        } else {
          backend.accumulate(sum, term);
          backend.free(term);
        }
        listener.sliceDone(s, s - fromSlice + 1, toSlice - fromSlice);
      }
      return backend.download(sum);
    } finally {
      for (DeviceTensor t : invariant) if (t != null) backend.free(t);
      if (sum != null) backend.free(sum);
    }
  }

  /** Contracts, once, the subtrees no slice changes, keeping their roots in {@code out}. */
  private void contractInvariant(TensorNetwork network, SlicedIndices slicing, DeviceTensor[] out) {
    DeviceTensor[] live = new DeviceTensor[tree.numNodes()];
    int[] none = slicing.values(0);
    Arrays.fill(none, -1);
    try {
      for (int node = 0; node < tree.numNodes(); node++) {
        if (tree.variesWithSlice(node)) continue;
        live[node] = tree.isLeaf(node) ? upload(network, node, slicing, none) : contractNode(node, live);
        if (kept[node]) {
          out[node] = live[node];
          live[node] = null;
        }
      }
    } finally {
      for (DeviceTensor t : live) if (t != null) backend.free(t);
    }
  }

  /** One slice's contraction, the root left in the backend's layout. */
  private DeviceTensor contractSlice(TensorNetwork network, SlicedIndices slicing, long slice,
      DeviceTensor[] invariant) {
    int[] values = slicing.values(slice);
    DeviceTensor[] live = new DeviceTensor[tree.numNodes()];
    try {
      for (int node = 0; node < tree.numNodes(); node++) {
        if (invariant[node] != null) {
          live[node] = invariant[node];
        } else if (tree.variesWithSlice(node) || !reuse) {
          live[node] = tree.isLeaf(node) ? upload(network, node, slicing, values) : contractNode(node, live);
        }
      }
      DeviceTensor root = live[tree.root()];
      live[tree.root()] = null;
      return root;
    } finally {
      for (int node = 0; node < live.length; node++) {
        if (live[node] != null && invariant[node] == null) backend.free(live[node]);
      }
    }
  }

  /** Contracts a node's two children and frees them unless they are kept for the range. */
  private DeviceTensor contractNode(int node, DeviceTensor[] live) {
    int l = tree.left(node);
    int r = tree.right(node);
    DeviceTensor t = backend.contract(live[l], live[r], keep[node], nextSummed[node]);
    for (int child : new int[] {l, r}) {
      if (!kept[child]) backend.free(live[child]);
      live[child] = null;
    }
    return t;
  }

  private DeviceTensor upload(TensorNetwork network, int leaf, SlicedIndices slicing, int[] values) {
    SlicedIndices.SlicedTensor t = slicing.cut(network.tensor(leaf), values);
    return backend.upload(t.indices(), t.log2Dims(), t.re(), t.im());
  }

  private DeviceTensor inOutputOrder(DeviceTensor root, int[] output) {
    if (Arrays.equals(root.indices(), output)) return root;
    DeviceTensor permuted = backend.permute(root, output);
    backend.free(root);
    return permuted;
  }

  private static HostTensor zeros(TensorNetwork network) {
    int log2 = 0;
    for (int ix : network.output()) log2 += network.log2Size(ix);
    if (log2 > 30) throw new IllegalArgumentException("an output of 2^" + log2 + " elements does not fit the host");
    return new HostTensor(network.output(), new double[1 << log2], new double[1 << log2]);
  }
}
