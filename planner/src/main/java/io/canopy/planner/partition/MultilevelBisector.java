package io.canopy.planner.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Balanced hypergraph bisection by the multilevel scheme of hMETIS and KaHyPar (Karypis et al.,
 * "Multilevel hypergraph partitioning", IEEE TVLSI 7 (1999)): coarsen by heavy-edge matching
 * until the hypergraph is small, bisect the coarsest one by several randomized greedy region
 * growings, then project back level by level, refining each with Fiduccia-Mattheyses passes
 * (Fiduccia and Mattheyses, DAC 1982).
 *
 * <p>Balance: each side weighs at most {@code (1 + imbalance) * total / 2}. The objective is the
 * cut (summed weight of nets with pins on both sides).
 *
 * <p>Running time: O(P log V) per FM pass over P pins and V vertices, a constant number of passes
 * per level and O(log V) levels.
 */
public final class MultilevelBisector {
  private static final int COARSEST = 60;
  private static final int INITIAL_TRIES = 8;
  private static final int FM_PASSES = 4;

  private final double imbalance;

  /** @param imbalance allowed relative excess of a side over half the total weight, >= 0 */
  public MultilevelBisector(double imbalance) {
    if (!(imbalance >= 0)) throw new IllegalArgumentException("imbalance must be >= 0, got " + imbalance);
    this.imbalance = imbalance;
  }

  /** A bisection: {@code side[v]} true for one part; both parts are non-empty when V >= 2. */
  public boolean[] bisect(Hypergraph g, RandomGenerator random) {
    if (g.numVertices() < 2) return new boolean[g.numVertices()];
    int maxSide = (int) Math.floor((1 + imbalance) * g.totalWeight() / 2.0);
    maxSide = Math.max(maxSide, (g.totalWeight() + 1) / 2);
    if (g.numVertices() <= COARSEST) return initial(g, maxSide, random);
    int[] map = match(g, random, maxSide);
    Hypergraph coarse = coarsen(g, map);
    if (coarse.numVertices() > 0.95 * g.numVertices()) return initial(g, maxSide, random);
    boolean[] coarseSide = bisect(coarse, random);
    boolean[] side = new boolean[g.numVertices()];
    for (int v = 0; v < side.length; v++) side[v] = coarseSide[map[v]];
    refine(g, side, maxSide);
    ensureBothSides(g, side);
    return side;
  }

  /**
   * Heavy-edge matching: in random order, each unmatched vertex pairs with the unmatched
   * neighbour it shares the most net weight with (each net counting {@code w / (pins - 1)}).
   * Returns the coarse vertex of each vertex.
   */
  private static int[] match(Hypergraph g, RandomGenerator random, int maxSide) {
    int n = g.numVertices();
    int[] order = shuffled(n, random);
    int[] map = new int[n];
    Arrays.fill(map, -1);
    double[] rating = new double[n];
    int[] touched = new int[n];
    int coarse = 0;
    int limit = Math.max(1, maxSide / 4);
    for (int v : order) {
      if (map[v] >= 0) continue;
      int count = 0;
      for (int net : g.nets[v]) {
        double w = (double) g.netWeight[net] / (g.pins[net].length - 1);
        for (int u : g.pins[net]) {
          if (u == v || map[u] >= 0 || g.vertexWeight[u] + g.vertexWeight[v] > limit) continue;
          if (rating[u] == 0) touched[count++] = u;
          rating[u] += w;
        }
      }
      int best = -1;
      for (int i = 0; i < count; i++) {
        int u = touched[i];
        if (best < 0 || rating[u] > rating[best]) best = u;
      }
      for (int i = 0; i < count; i++) rating[touched[i]] = 0;
      map[v] = coarse;
      if (best >= 0) map[best] = coarse;
      coarse++;
    }
    return map;
  }

  private static Hypergraph coarsen(Hypergraph g, int[] map) {
    int coarseN = 0;
    for (int c : map) coarseN = Math.max(coarseN, c + 1);
    int[] weight = new int[coarseN];
    for (int v = 0; v < map.length; v++) weight[map[v]] += g.vertexWeight[v];
    int[][] pins = new int[g.numNets()][];
    for (int net = 0; net < pins.length; net++) {
      pins[net] = Arrays.stream(g.pins[net]).map(v -> map[v]).distinct().toArray();
    }
    return new Hypergraph(weight, g.netWeight, pins);
  }

  /** Best of several greedy growings from random seeds, each refined by FM. */
  private boolean[] initial(Hypergraph g, int maxSide, RandomGenerator random) {
    boolean[] best = null;
    int bestCut = Integer.MAX_VALUE;
    for (int t = 0; t < INITIAL_TRIES; t++) {
      boolean[] side = grow(g, random);
      refine(g, side, maxSide);
      ensureBothSides(g, side);
      int cut = g.cut(side);
      if (cut < bestCut) {
        bestCut = cut;
        best = side;
      }
    }
    return best;
  }

  /**
   * Grows side "true" from a random vertex, always adding the frontier vertex most connected to
   * the grown region, until it holds half the weight.
   */
  private static boolean[] grow(Hypergraph g, RandomGenerator random) {
    int n = g.numVertices();
    boolean[] side = new boolean[n];
    double[] conn = new double[n];
    int half = g.totalWeight() / 2;
    int grown = 0;
    PriorityQueue<double[]> frontier = new PriorityQueue<>((x, y) -> Double.compare(y[0], x[0]));
    int start = random.nextInt(n);
    frontier.add(new double[] {0, start});
    while (grown < half) {
      int v;
      if (frontier.isEmpty()) {
        // a disconnected hypergraph: continue from any vertex not yet grown
        int u = random.nextInt(n);
        while (side[u]) u = (u + 1) % n;
        v = u;
      } else {
        double[] top = frontier.poll();
        v = (int) top[1];
        if (side[v] || top[0] != conn[v]) continue;
      }
      side[v] = true;
      grown += g.vertexWeight[v];
      for (int net : g.nets[v]) {
        double w = (double) g.netWeight[net] / (g.pins[net].length - 1);
        for (int u : g.pins[net]) {
          if (side[u]) continue;
          conn[u] += w;
          frontier.add(new double[] {conn[u], u});
        }
      }
    }
    return side;
  }

  private static void ensureBothSides(Hypergraph g, boolean[] side) {
    int t = 0;
    for (boolean s : side) if (s) t++;
    if (t == 0) side[0] = true;
    else if (t == side.length) side[0] = false;
  }

  /**
   * Fiduccia-Mattheyses passes: each moves vertices one at a time by highest gain (cut
   * reduction), never twice in a pass and never beyond the balance bound, then rolls back to the
   * best prefix. Stops when a pass gains nothing.
   */
  private static void refine(Hypergraph g, boolean[] side, int maxSide) {
    int n = g.numVertices();
    int[] onTrue = new int[g.numNets()];
    for (int pass = 0; pass < FM_PASSES; pass++) {
      int weightTrue = 0;
      for (int v = 0; v < n; v++) if (side[v]) weightTrue += g.vertexWeight[v];
      for (int net = 0; net < onTrue.length; net++) {
        int c = 0;
        for (int v : g.pins[net]) if (side[v]) c++;
        onTrue[net] = c;
      }
      int[] gain = new int[n];
      PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) ->
          x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
      for (int v = 0; v < n; v++) {
        gain[v] = gain(g, side, onTrue, v);
        queue.add(new long[] {gain[v], v});
      }
      boolean[] locked = new boolean[n];
      List<Integer> moves = new ArrayList<>();
      int total = 0;
      int bestTotal = 0;
      int bestPrefix = 0;
      int weightAll = g.totalWeight();
      while (!queue.isEmpty()) {
        long[] top = queue.poll();
        int v = (int) top[1];
        if (locked[v] || top[0] != gain[v]) continue;
        int newTrue = side[v] ? weightTrue - g.vertexWeight[v] : weightTrue + g.vertexWeight[v];
        if (newTrue > maxSide || weightAll - newTrue > maxSide) {
          locked[v] = true;
          continue;
        }
        locked[v] = true;
        total += gain[v];
        move(g, side, onTrue, v);
        weightTrue = newTrue;
        moves.add(v);
        if (total > bestTotal) {
          bestTotal = total;
          bestPrefix = moves.size();
        }
        for (int net : g.nets[v]) {
          for (int u : g.pins[net]) {
            if (locked[u]) continue;
            int ng = gain(g, side, onTrue, u);
            if (ng != gain[u]) {
              gain[u] = ng;
              queue.add(new long[] {ng, u});
            }
          }
        }
      }
      for (int i = moves.size() - 1; i >= bestPrefix; i--) move(g, side, onTrue, moves.get(i));
      if (bestTotal == 0) return;
    }
  }

  private static void move(Hypergraph g, boolean[] side, int[] onTrue, int v) {
    int d = side[v] ? -1 : 1;
    side[v] = !side[v];
    for (int net : g.nets[v]) onTrue[net] += d;
  }

  /** Cut reduction from moving v to the other side. */
  private static int gain(Hypergraph g, boolean[] side, int[] onTrue, int v) {
    int gain = 0;
    for (int net : g.nets[v]) {
      int size = g.pins[net].length;
      int same = side[v] ? onTrue[net] : size - onTrue[net];
      if (same == 1) gain += g.netWeight[net];
      else if (same == size) gain -= g.netWeight[net];
    }
    return gain;
  }

  private static int[] shuffled(int n, RandomGenerator random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
