package io.canopy.planner.partition;

import java.util.Arrays;

/**
 * A weighted hypergraph in compressed form: vertices with weights, hyperedges (nets) with weights
 * and pin lists, and for each vertex its incident nets. Immutable.
 */
public final class Hypergraph {
  final int[] vertexWeight;
  final int[] netWeight;
  final int[][] pins;
  final int[][] nets;

  /**
   * @param vertexWeight weight of each vertex (at least 1)
   * @param netWeight weight of each net (cut cost)
   * @param pins for each net its vertices; nets of fewer than two pins are dropped (never cut)
   */
  public Hypergraph(int[] vertexWeight, int[] netWeight, int[][] pins) {
    int kept = 0;
    for (int[] p : pins) if (p.length >= 2) kept++;
    this.vertexWeight = vertexWeight.clone();
    this.netWeight = new int[kept];
    this.pins = new int[kept][];
    int e = 0;
    for (int i = 0; i < pins.length; i++) {
      if (pins[i].length < 2) continue;
      this.netWeight[e] = netWeight[i];
      this.pins[e++] = pins[i].clone();
    }
    int[] degree = new int[vertexWeight.length];
    for (int[] p : this.pins) for (int v : p) degree[v]++;
    this.nets = new int[vertexWeight.length][];
    for (int v = 0; v < degree.length; v++) nets[v] = new int[degree[v]];
    Arrays.fill(degree, 0);
    for (int net = 0; net < this.pins.length; net++) for (int v : this.pins[net]) nets[v][degree[v]++] = net;
  }

  public int numVertices() { return vertexWeight.length; }

  public int numNets() { return pins.length; }

  int totalWeight() {
    int w = 0;
    for (int x : vertexWeight) w += x;
    return w;
  }

  /** Summed weight of the nets with pins on both sides. */
  public int cut(boolean[] side) {
    int cut = 0;
    for (int net = 0; net < pins.length; net++) {
      boolean a = false;
      boolean b = false;
      for (int v : pins[net]) {
        if (side[v]) a = true;
        else b = true;
      }
      if (a && b) cut += netWeight[net];
    }
    return cut;
  }
}
