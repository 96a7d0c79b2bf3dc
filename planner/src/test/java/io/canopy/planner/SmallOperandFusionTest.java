package io.canopy.planner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.Circuit;
import io.canopy.circuits.network.NetworkBuilder;
import io.canopy.circuits.network.NetworkSimplifier;
import io.canopy.circuits.network.TensorNetwork;
import io.canopy.circuits.qsim.QsimReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SmallOperandFusionTest {
  /**
   * A state over qubit indices 0..15 (size 2 each) and three gates applied one after another:
   * g1 on (0, 1) -> (16, 17), g2 on (2, 3) -> (18, 19), g3 on (16, 18) -> (20, 21).
   */
  private static ContractionProblem gatesOnAState() {
    int[] state = IntStream.range(0, 16).toArray();
    int[][] inputs = {state, {16, 17, 0, 1}, {18, 19, 2, 3}, {20, 21, 16, 18}};
    int[] output = IntStream.concat(IntStream.of(20, 17, 21, 19), IntStream.range(4, 16)).toArray();
    int[] sizes = new int[22];
    Arrays.fill(sizes, 1);
    return new ContractionProblem(inputs, output, sizes);
  }

  /** The gates applied one at a time: ((state . g1) . g2) . g3. */
  private static ContractionTree oneAtATime(ContractionProblem p) {
    return ContractionTree.fromSsaPath(p, new int[][] {{0, 1}, {4, 2}, {5, 3}});
  }

  private static int largeSteps(ContractionTree t, int minLargeLog2) {
    int count = 0;
    for (int v = t.numInputs(); v < t.numNodes(); v++) if (t.log2Size(v) >= minLargeLog2) count++;
    return count;
  }

  @Test
  void aRunOfGatesBecomesOnePassOverTheState() {
    ContractionTree tree = oneAtATime(gatesOnAState());
    assertEquals(3, largeSteps(tree, 10));
    SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 6, 10));
    ContractionTree fused = r.tree();
    assertEquals(2, r.fused());
    assertSame(fused, r.applied(new Plan(tree)).tree(), "a plan of the fused tree");
    assertEquals(1, largeSteps(fused, 10));
    // the same network, the same result indices; more multiply-adds, fewer elements written
    assertArrayEquals(tree.indices(tree.root()), fused.indices(fused.root()));
    assertTrue(fused.flopsPerSlice() > tree.flopsPerSlice());
    assertTrue(fused.writesPerSlice() < tree.writesPerSlice());
    // the one large step: the state times the three gates' product, 2^4 contracted elements
    int root = fused.root();
    int small = fused.log2Size(fused.left(root)) < fused.log2Size(fused.right(root)) ? fused.left(root) : fused.right(root);
    assertEquals(8, fused.log2Size(small));
    assertEquals(16 + 4, fused.log2Flops(root));
  }

  @Test
  void limitsStopTheFusion() {
    ContractionTree tree = oneAtATime(gatesOnAState());
    // g1 . g2 would contract 2^4 elements with the state, above a limit of 2^3; g3 still fuses
    // into g2's step (2^3 contracted: g2's two qubits and g1's output 16 that g3 also acts on)
    SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 3, 10));
    assertEquals(1, r.fused());
    for (int v = r.tree().numInputs(); v < r.tree().numNodes(); v++) {
      assertTrue(r.tree().log2Flops(v) - Math.max(r.tree().log2Size(v), 0) <= 3 || r.tree().log2Size(v) < 10);
    }
    // nothing is large enough
    SmallOperandFusion.Result none = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 6, 20));
    assertEquals(0, none.fused());
    assertSame(tree, none.tree());
  }

  @Test
  void slicedIndicesStaySliced() {
    ContractionTree tree = oneAtATime(gatesOnAState()).withSliced(new int[] {7});
    ContractionTree fused = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(8, 6, 9)).tree();
    assertArrayEquals(new int[] {7}, fused.sliced());
    assertEquals(tree.log2NumSlices(), fused.log2NumSlices());
  }

  @Test
  void aSlicedIndexIsNotContractedWithinASlice() {
    // limits that stop g1 . g2 (2^8 elements, 2^4 contracted) let it fuse once qubit 0 is sliced:
    // within a slice it has 2^7 elements and contracts 2^3, and the whole run fuses
    ContractionTree tree = oneAtATime(gatesOnAState()).withSliced(new int[] {0});
    SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(7, 3, 10));
    assertEquals(2, r.fused());
    assertEquals(1, largeSteps(r.tree(), 10));
    // the state's other 15 qubits and the gates' 4 outputs
    assertEquals(15 + 4, r.tree().log2Flops(r.tree().root()));
  }

  /**
   * The state over 0..15 and two gates: g1 on (0, 1) -> (16, 17), g2 on (2, 3) -> (18, 19)
   * controlled by qubit 4 through a hyperedge (index 4 is shared with the state), then
   * {@code more} further tensors.
   */
  private static int[][] twoGatesSharingQubitFour(int[]... more) {
    int[][] inputs = {IntStream.range(0, 16).toArray(), {16, 17, 0, 1}, {18, 19, 2, 3, 4}};
    int[][] all = Arrays.copyOf(inputs, inputs.length + more.length);
    System.arraycopy(more, 0, all, inputs.length, more.length);
    return all;
  }

  private static ContractionProblem withUnitSizes(int[][] inputs, int[] output) {
    int[] sizes = new int[20];
    Arrays.fill(sizes, 1);
    return new ContractionProblem(inputs, output, sizes);
  }

  @Test
  void aBatchIndexStopsTheFusion() {
    // qubit 4 stays open, so g1 . g2 would share a kept index with the state: a batch index
    int[] output = IntStream.concat(IntStream.of(16, 17, 18, 19), IntStream.range(4, 16)).toArray();
    ContractionTree tree = ContractionTree.fromSsaPath(withUnitSizes(twoGatesSharingQubitFour(), output),
        new int[][] {{0, 1}, {3, 2}});
    SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, new SmallOperandFusion.Limits(10, 6, 12));
    assertEquals(0, r.fused());
    assertSame(tree, r.tree());
    Plan plan = new Plan(tree);
    assertSame(plan, r.applied(plan), "nothing fused: the plan itself");
  }

  @Test
  void aRunFusesFurtherOnceItsHyperedgeIsClosed() {
    // a third tensor d on qubit 4 closes the hyperedge: ((state . g1) . g2) . d. At g2's step
    // g1 . g2 would keep index 4 (d still needs it), a batch index; at d's step g2 . d fuses,
    // and then g1 fuses into that (index 4 now contracted) at the same step
    int[] output = IntStream.concat(IntStream.of(16, 17, 18, 19), IntStream.range(5, 16)).toArray();
    ContractionTree tree = ContractionTree.fromSsaPath(withUnitSizes(twoGatesSharingQubitFour(new int[] {4}), output),
        new int[][] {{0, 1}, {4, 2}, {5, 3}});
    SmallOperandFusion.Limits limits = new SmallOperandFusion.Limits(10, 6, 12);
    SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, limits);
    assertEquals(2, r.fused());
    assertEquals(1, largeSteps(r.tree(), 12));
    assertArrayEquals(tree.indices(tree.root()), r.tree().indices(r.tree().root()));
    // the one large step contracts qubits 0..4 of the state with the fused gates
    assertEquals(16 + 4, r.tree().log2Flops(r.tree().root()));
  }

  @Test
  void rejectsInconsistentLimits() {
    assertThrows(IllegalArgumentException.class, () -> new SmallOperandFusion.Limits(11, 6, 11));
    assertThrows(IllegalArgumentException.class, () -> new SmallOperandFusion.Limits(11, -1, 20));
    assertThrows(IllegalArgumentException.class, () -> new SmallOperandFusion.Limits(-1, 6, 20));
  }

  /**
   * A planned tree of a real circuit (a 24-qubit Sycamore amplitude, sliced to 2^18 elements)
   * fused under two sets of limits, checked against the straightforward reference: fuse the first
   * rewrite in node order whose rewritten tree, built whole, keeps the fused step within the
   * limits, and start again.
   */
  @Test
  void aPlannedSycamoreTreeFusesAsFarAsTheReferenceWithinTheLimits() {
    Circuit circuit = QsimReader.read(Path.of("../circuits/data/sycamore/small_pEFGH/circuit_n24_m14_s0_e0_pEFGH.qsim"));
    TensorNetwork network = NetworkSimplifier.simplify(NetworkBuilder.amplitude(circuit, "0".repeat(circuit.numQubits())));
    ContractionProblem problem = new ContractionProblem(network.inputs(), network.output(), network.log2Sizes());
    ContractionTree tree = Planner.plan(problem, PlannerOptions.builder().trials(8).threads(1).targetLog2Size(18)
        .seed(1).build(), PlanProgress.NONE).tree();
    assertTrue(tree.sliced().length > 0);
    for (SmallOperandFusion.Limits limits : new SmallOperandFusion.Limits[] {
        new SmallOperandFusion.Limits(11, 6, 16), new SmallOperandFusion.Limits(8, 4, 14)}) {
      SmallOperandFusion.Result r = SmallOperandFusion.apply(tree, limits);
      ContractionTree fused = r.tree();
      int referenceFused = 0;
      for (ContractionTree t = firstReferenceRewrite(tree, limits); t != null; t = firstReferenceRewrite(t, limits)) {
        referenceFused++;
      }
      assertTrue(referenceFused > 0, limits.toString());
      assertTrue(r.fused() >= referenceFused, r.fused() + " fused, the reference " + referenceFused);

      RandomProblems.assertValid(fused);
      assertArrayEquals(tree.indices(tree.root()), fused.indices(fused.root()));
      assertArrayEquals(tree.sliced(), fused.sliced());
      assertTrue(fused.writesPerSlice() < tree.writesPerSlice());
      // each rewrite turns one large intermediate (large . small) into a small one (small . b)
      assertEquals(largeSteps(tree, limits.minLargeLog2()) - r.fused(), largeSteps(fused, limits.minLargeLog2()));
      assertTrue(fusedStepsWithinLimits(tree, fused, limits) > 0);
      // nothing is left to fuse, by the reference or by a second application
      assertNull(firstReferenceRewrite(fused, limits));
      assertEquals(0, SmallOperandFusion.apply(fused, limits).fused());
    }
  }

  /**
   * Checks every fused step of {@code fused} against the limits and returns how many there are:
   * a fused operand is a subtree whose inputs no subtree of the original tree has exactly, and its
   * step is the one taking it to a large operand.
   */
  private static int fusedStepsWithinLimits(ContractionTree original, ContractionTree fused, SmallOperandFusion.Limits limits) {
    Set<BitSet> originalSubtrees = new HashSet<>(Arrays.asList(inputsBelow(original)));
    BitSet[] below = inputsBelow(fused);
    int steps = 0;
    for (int v = fused.numInputs(); v < fused.root(); v++) {
      int step = fused.parent(v);
      int large = fused.left(step) == v ? fused.right(step) : fused.left(step);
      if (originalSubtrees.contains(below[v]) || fused.log2Size(large) < limits.minLargeLog2()) continue;
      assertTrue(withinLimits(fused, step, large, v, limits), "fused step " + step);
      steps++;
    }
    return steps;
  }

  /** Per node: the inputs its subtree contracts. */
  private static BitSet[] inputsBelow(ContractionTree t) {
    BitSet[] below = new BitSet[t.numNodes()];
    for (int v = 0; v < t.numNodes(); v++) {
      below[v] = new BitSet();
      if (t.isLeaf(v)) {
        below[v].set(v);
      } else {
        below[v].or(below[t.left(v)]);
        below[v].or(below[t.right(v)]);
      }
    }
    return below;
  }

  /**
   * The reference's one step: the tree after the first rewrite, in node order, of
   * {@code node = (a, b)} with {@code a = (large, small)} into {@code node = (large, (small, b))}
   * whose rewritten tree keeps the new step within the limits; null when there is none.
   */
  private static ContractionTree firstReferenceRewrite(ContractionTree t, SmallOperandFusion.Limits limits) {
    for (int node = t.numInputs(); node < t.numNodes(); node++) {
      for (int side = 0; side < 2; side++) {
        int a = side == 0 ? t.left(node) : t.right(node);
        int b = side == 0 ? t.right(node) : t.left(node);
        if (t.isLeaf(a) || t.log2Size(b) > limits.maxSmallLog2() || t.log2Size(a) < limits.minLargeLog2()) continue;
        for (int inner = 0; inner < 2; inner++) {
          int large = inner == 0 ? t.left(a) : t.right(a);
          int small = inner == 0 ? t.right(a) : t.left(a);
          if (t.log2Size(large) < limits.minLargeLog2() || t.log2Size(small) > limits.maxSmallLog2()) continue;
          int[] left = new int[t.numNodes()];
          int[] right = new int[t.numNodes()];
          for (int v = t.numInputs(); v < t.numNodes(); v++) {
            left[v] = t.left(v);
            right[v] = t.right(v);
          }
          left[a] = small;
          right[a] = b;
          left[node] = large;
          right[node] = a;
          int[] ids = new int[t.numNodes()];
          List<int[]> path = new ArrayList<>();
          renumber(t.root(), left, right, t.numInputs(), ids, path);
          ContractionTree c = ContractionTree.fromSsaPath(t.problem(), path.toArray(new int[0][]), t.sliced());
          if (withinLimits(c, ids[node], ids[large], ids[a], limits)) return c;
        }
      }
    }
    return null;
  }

  /** Post-order SSA ids below {@code v}: a small circuit's stem is shallow enough to recurse. */
  private static int renumber(int v, int[] left, int[] right, int n, int[] ids, List<int[]> path) {
    if (v < n) return ids[v] = v;
    int l = renumber(left[v], left, right, n, ids, path);
    int r = renumber(right[v], left, right, n, ids, path);
    path.add(new int[] {l, r});
    return ids[v] = n + path.size() - 1;
  }

  /**
   * Whether step {@code v = (large, fused)} of a built tree is within the limits: the fused
   * operand at most 2^maxSmall elements per slice, at most 2^maxContracted non-sliced elements
   * contracted with the large operand, and no index of both kept by the step.
   */
  private static boolean withinLimits(ContractionTree c, int v, int large, int fused, SmallOperandFusion.Limits limits) {
    if (c.log2Size(fused) > limits.maxSmallLog2()) return false;
    Set<Integer> kept = new HashSet<>();
    for (int ix : c.indices(v)) kept.add(ix);
    Set<Integer> inLarge = new HashSet<>();
    for (int ix : c.indices(large)) inLarge.add(ix);
    int contracted = 0;
    for (int ix : c.indices(fused)) {
      if (!inLarge.contains(ix) || c.isSliced(ix)) continue;
      if (kept.contains(ix)) return false;
      contracted += c.problem().log2Size(ix);
    }
    return contracted <= limits.maxContractedLog2();
  }
}
