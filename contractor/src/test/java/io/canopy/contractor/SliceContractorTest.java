package io.canopy.contractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.circuits.network.TensorNetwork;
import io.canopy.contractor.NaiveEinsum.Operand;
import io.canopy.contractor.cpu.Nd4jBackend;
import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import io.canopy.planner.Plan;
import io.canopy.planner.Planner;
import io.canopy.planner.PlannerOptions;
import io.canopy.planner.PlanProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SliceContractorTest {
  private static Nd4jBackend backend128;
  private static Nd4jBackend backend64;

  @BeforeAll
  static void backends() {
    backend128 = new Nd4jBackend(Precision.COMPLEX128);
    backend64 = new Nd4jBackend(Precision.COMPLEX64);
  }

  @AfterAll
  static void close() {
    backend128.close();
    backend64.close();
  }

  private static Nd4jBackend backend(Precision p) {
    return p == Precision.COMPLEX128 ? backend128 : backend64;
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = {"COMPLEX128", "COMPLEX64"})
  void everyTreeGivesTheExactContraction(Precision precision) {
    for (int seed = 0; seed < 6; seed++) {
      Random rnd = new Random(seed);
      TensorNetwork network = RandomNetworks.random(8, 5, seed % 4, rnd);
      Operand ref = RandomNetworks.reference(network);
      ContractionProblem problem = NetworkProblems.of(network);
      List<ContractionTree> trees = List.of(RandomNetworks.sequential(problem),
          RandomNetworks.randomPairs(problem, rnd), plannerTree(problem, seed));
      for (ContractionTree tree : trees) {
        HostTensor got = new SliceContractor(new Plan(tree), backend(precision)).contractAll(network);
        assertArrayEquals(network.output(), got.indices());
        Tolerance.assertClose(ref.re(), ref.im(), got.re(), got.im(), Tolerance.of(precision), "seed " + seed);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void slicedEqualsUnsliced(boolean reuse) {
    for (int seed = 10; seed < 16; seed++) {
      Random rnd = new Random(seed);
      TensorNetwork network = RandomNetworks.random(9, 5, 2, rnd);
      ContractionTree tree = RandomNetworks.randomPairs(NetworkProblems.of(network), rnd);
      HostTensor whole = new SliceContractor(new Plan(tree), backend128).contractAll(network);
      int[] sliced = summedIndices(network, 1 + seed % 3, rnd);
      SliceContractor contractor = new SliceContractor(new Plan(tree.withSliced(sliced)), backend128, reuse);
      assertTrue(contractor.plan().numSlices() >= 2);
      HostTensor sum = contractor.contractAll(network);
      Tolerance.assertClose(whole.re(), whole.im(), sum.re(), sum.im(), 1e-12, "seed " + seed + " sliced " + java.util.Arrays.toString(sliced));
    }
  }

  @Test
  void reuseContractsInvariantSubtreesOncePerRangeAndFreesEverything() {
    // slicing an index shared by the last two inputs only leaves the subtree over the inputs before them invariant
    TensorNetwork network = null;
    int ix = -1;
    for (int seed = 0; ix < 0; seed++) {
      network = RandomNetworks.random(10, 4, 1, new Random(seed));
      ix = sharedIndex(network, network.numTensors() - 2, network.numTensors() - 1);
    }
    ContractionTree tree = RandomNetworks.sequential(NetworkProblems.of(network));
    Plan plan = new Plan(tree.withSliced(new int[] {ix}));
    long slices = plan.numSlices();
    int n = network.numTensors();
    int variantContractions = 0;
    for (int node = n; node < tree.numNodes(); node++) {
      if (touches(tree, node, ix)) variantContractions++;
    }
    assertTrue(variantContractions < n - 1, "the test needs an invariant subtree");
    CountingBackend withReuse = new CountingBackend(backend128);
    HostTensor a = new SliceContractor(plan, withReuse, true).contractAll(network);
    assertEquals((n - 1 - variantContractions) + slices * variantContractions, withReuse.contractions);
    assertEquals(0, withReuse.live, "tensors left allocated");
    CountingBackend without = new CountingBackend(backend128);
    HostTensor b = new SliceContractor(plan, without, false).contractAll(network);
    assertEquals(slices * (n - 1), without.contractions);
    assertEquals(0, without.live, "tensors left allocated");
    Tolerance.assertClose(b.re(), b.im(), a.re(), a.im(), 1e-12, "reuse on and off");
  }

  /** An index held by inputs t1 and t2, or -1. */
  private static int sharedIndex(TensorNetwork network, int t1, int t2) {
    for (int a : network.tensor(t1).indices()) {
      for (int b : network.tensor(t2).indices()) if (a == b) return a;
    }
    return -1;
  }

  /** Whether any input under {@code node} holds index {@code ix}. */
  private static boolean touches(ContractionTree tree, int node, int ix) {
    if (tree.isLeaf(node)) {
      for (int i : tree.indices(node)) if (i == ix) return true;
      return false;
    }
    return touches(tree, tree.left(node), ix) || touches(tree, tree.right(node), ix);
  }

  @Test
  void rangesSumToTheWholeAndReportEachSlice() {
    Random rnd = new Random(21);
    TensorNetwork network = RandomNetworks.random(9, 6, 2, rnd);
    ContractionTree tree = plannerTree(NetworkProblems.of(network), 21);
    Plan plan = new Plan(tree.withSliced(summedIndices(network, 3, rnd)));
    SliceContractor contractor = new SliceContractor(plan, backend128);
    long n = plan.numSlices();
    long cut = n / 3;
    List<long[]> heard = new ArrayList<>();
    HostTensor first = contractor.contract(network, 0, cut, (s, done, total) -> heard.add(new long[] {s, done, total}));
    HostTensor second = contractor.contract(network, cut, n);
    HostTensor whole = contractor.contractAll(network);
    double[] re = new double[whole.size()];
    double[] im = new double[whole.size()];
    for (int i = 0; i < re.length; i++) {
      re[i] = first.re()[i] + second.re()[i];
      im[i] = first.im()[i] + second.im()[i];
    }
    Tolerance.assertClose(whole.re(), whole.im(), re, im, 1e-12, "two ranges");
    assertEquals(cut, heard.size());
    for (int i = 0; i < heard.size(); i++) assertArrayEquals(new long[] {i, i + 1, cut}, heard.get(i));
    HostTensor empty = contractor.contract(network, cut, cut);
    assertEquals(whole.size(), empty.size());
    for (double v : empty.re()) assertEquals(0.0, v);
  }

  @Test
  void refusesAnotherNetworksPlan() {
    Random rnd = new Random(4);
    TensorNetwork network = RandomNetworks.random(6, 3, 1, rnd);
    TensorNetwork other = RandomNetworks.random(6, 4, 1, rnd);
    SliceContractor contractor = new SliceContractor(new Plan(RandomNetworks.sequential(NetworkProblems.of(network))), backend128);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> contractor.contractAll(other));
    assertTrue(e.getMessage().contains("plan was made for network"), e.getMessage());
  }

  @Test
  void refusesRangesOutsideThePlan() {
    Random rnd = new Random(5);
    TensorNetwork network = RandomNetworks.random(6, 3, 1, rnd);
    ContractionTree tree = RandomNetworks.sequential(NetworkProblems.of(network));
    SliceContractor contractor = new SliceContractor(new Plan(tree.withSliced(summedIndices(network, 2, rnd))), backend128);
    long n = contractor.plan().numSlices();
    for (long[] range : new long[][] {{-1, 1}, {0, n + 1}, {2, 1}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> contractor.contract(network, range[0], range[1]));
      assertTrue(e.getMessage().contains("slice range"), e.getMessage());
    }
  }

  @Test
  void refusesSlicingAnOutputIndex() {
    Random rnd = new Random(6);
    TensorNetwork network = RandomNetworks.random(6, 3, 2, rnd);
    ContractionTree tree = RandomNetworks.sequential(NetworkProblems.of(network)).withSliced(new int[] {network.output()[0]});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SliceContractor(new Plan(tree), backend128));
    assertTrue(e.getMessage().contains("output index"), e.getMessage());
  }

  static ContractionTree plannerTree(ContractionProblem problem, long seed) {
    return Planner.plan(problem, PlannerOptions.builder().trials(4).seed(seed).build(), PlanProgress.NONE).tree();
  }

  /** {@code count} distinct random indices that are not outputs. */
  static int[] summedIndices(TensorNetwork network, int count, Random rnd) {
    List<Integer> candidates = new ArrayList<>();
    for (int ix = 0; ix < network.numIndices(); ix++) {
      boolean out = false;
      for (int o : network.output()) out |= o == ix;
      if (!out) candidates.add(ix);
    }
    java.util.Collections.shuffle(candidates, rnd);
    return candidates.subList(0, count).stream().mapToInt(Integer::intValue).toArray();
  }
}
